// Hub collections started from the API run here, in the server process, one at a time (the work
// is mostly waiting on the Hub; each page's store is one short transaction). When a run ends the
// monthly series are derived again from every model collected so far.
import type { Db } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import { executeHubCollection, openHubCollection } from './collector.ts';
import { deriveHubSeries, HUB_DIMENSIONS } from './derive-series.ts';
import type { HubOptions } from './options.ts';

export class HubCollectionManager {
  private running: { id: number; stop: AbortController } | null = null;

  constructor(private readonly db: Db) {}

  /** Starts (or resumes) a run in the background; 409 while another one runs. */
  start(options: HubOptions, userId: number): { id: number; resumed: boolean } {
    if (this.running)
      throw new AppError(
        'hub.busy',
        409,
        `Hub collection #${this.running.id} is still running; wait for it or stop it.`,
      );
    const opened = openHubCollection(this.db, options, userId);
    const stop = new AbortController();
    void executeHubCollection(this.db, opened.id, { signal: stop.signal })
      .then(() => {
        for (const d of HUB_DIMENSIONS) deriveHubSeries(this.db, d, 100, userId);
      })
      // Only a failing database gets here (the run records every other failure): keep the server up.
      .catch((err: unknown) => {
        console.error(
          `Hub collection #${opened.id} could not record its end: ${err instanceof Error ? err.message : String(err)}`,
        );
      })
      .finally(() => {
        this.running = null;
      });
    this.running = { id: opened.id, stop };
    return opened;
  }

  stop(id: number): boolean {
    if (this.running?.id !== id) return false;
    this.running.stop.abort();
    return true;
  }

  current(): { id: number; stopping: boolean } | null {
    return this.running && { id: this.running.id, stopping: this.running.stop.signal.aborted };
  }
}

// Collections started from the API run here, in the server process, one at a time: the work
// is mostly waiting on the forum (async), and each topic's import holds the event loop only
// for the short store of one topic. A stop is a request: the run ends after the topic in hand.
import type { Db } from '../db/open.ts';
import type { Actor } from '../db/sources.ts';
import { AppError } from '../http/errors.ts';
import { apiKeyFromEnv } from './api-key.ts';
import { executeCollection, openCollection } from './collector.ts';
import type { CollectionOptions } from './state.ts';

interface Running {
  id: number;
  stop: AbortController;
}

export class CollectionManager {
  private running: Running | null = null;

  constructor(private readonly db: Db) {}

  /** Starts (or resumes) a run in the background; 409 while another one runs. */
  start(options: CollectionOptions, user: Actor): { id: number; resumed: boolean } {
    if (this.running)
      throw new AppError(
        'collect.busy',
        409,
        `Collection #${this.running.id} is still running; wait for it to end or stop it.`,
      );
    const apiKey = apiKeyFromEnv();
    const opened = openCollection(this.db, options, user);
    const stop = new AbortController();
    void executeCollection(this.db, opened.id, { apiKey, signal: stop.signal })
      // Only a failing database gets here (the run records every other failure): keep the server up.
      .catch((err: unknown) => {
        console.error(
          `Collection #${opened.id} could not record its end: ${err instanceof Error ? err.message : String(err)}`,
        );
      })
      .finally(() => {
        this.running = null;
      });
    this.running = { id: opened.id, stop };
    return opened;
  }

  /** Asks the running collection `id` to stop after its current topic; false if it is not running here. */
  stop(id: number): boolean {
    if (this.running?.id !== id) return false;
    this.running.stop.abort();
    return true;
  }

  /** The running collection's id and whether a stop was asked, or null. */
  current(): { id: number; stopping: boolean } | null {
    return this.running && { id: this.running.id, stopping: this.running.stop.signal.aborted };
  }
}

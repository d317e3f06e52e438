// Hub collections started from the API run here, in the server process, one at a time
// (collect/background-run.ts). When a run ends the monthly series are derived again from every
// model collected so far.
import { BackgroundRun } from '../collect/background-run.ts';
import type { Db } from '../db/open.ts';
import { executeHubCollection, openHubCollection } from './collector.ts';
import { deriveHubSeries, HUB_DIMENSIONS } from './derive-series.ts';
import type { HubOptions } from './options.ts';

export class HubCollectionManager extends BackgroundRun {
  constructor(private readonly db: Db) {
    super('Hub collection', 'hub.busy');
  }

  /** Starts (or resumes) a run in the background; 409 while another one runs. */
  start(options: HubOptions, userId: number): { id: number; resumed: boolean } {
    return this.launch(
      () => openHubCollection(this.db, options, userId),
      async (id, signal) => {
        await executeHubCollection(this.db, id, { signal });
        for (const d of HUB_DIMENSIONS) deriveHubSeries(this.db, d, 100, userId);
      },
    );
  }
}

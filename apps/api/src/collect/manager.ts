// Collections started from the API run here, in the server process, one at a time (background-run.ts).
import type { Db } from '../db/open.ts';
import type { Actor } from '../db/sources.ts';
import { apiKeyFromEnv } from './api-key.ts';
import { BackgroundRun } from './background-run.ts';
import { executeCollection, openCollection } from './collector.ts';
import type { CollectionOptions } from './state.ts';

export class CollectionManager extends BackgroundRun {
  constructor(private readonly db: Db) {
    super('Collection', 'collect.busy');
  }

  /** Starts (or resumes) a run in the background; 409 while another one runs. */
  start(options: CollectionOptions, user: Actor): { id: number; resumed: boolean } {
    const apiKey = apiKeyFromEnv();
    return this.launch(
      () => openCollection(this.db, options, user),
      (id, signal) => executeCollection(this.db, id, { apiKey, signal }),
    );
  }
}

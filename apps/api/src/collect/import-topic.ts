// A fetched topic goes through the same import as a dump: the Discourse topic parser,
// sanitizing, hashing and the idempotent store. The file is the one topic's JSON.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/open.ts';
import { runImportFile, type ImportReport } from '../import/index.ts';
import type { CollectionOptions } from './state.ts';

export async function importTopic(
  db: Db,
  dir: string,
  topicId: number,
  topic: unknown,
  o: CollectionOptions,
  ownerId: number | null = null,
): Promise<ImportReport> {
  const file = join(dir, `t-${topicId}.json`);
  await writeFile(file, JSON.stringify(topic));
  try {
    return await runImportFile(db, file, {
      source: o.source,
      sourceKind: 'discourse',
      format: 'discourse',
      mode: 'lenient',
      baseUrl: o.forumUrl,
      // Error locations name the forum request the data came from.
      fileName: `/t/${topicId}.json`,
      workers: 0,
      // The first topic stored creates the source, owned by whoever started the run.
      ownerId,
    });
  } finally {
    await rm(file, { force: true });
  }
}

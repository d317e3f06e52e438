// The large synthetic forum of the scale benchmarks: a seeded Discourse dump
// (discourse-dump.ts) of `posts` posts imported as the CLI imports it, search index built,
// kept in the temp directory (threadcoder-scale-<posts>.db) and reused by later runs
// (delete it to rebuild). Returns the kept file's path: copy it before writing to it.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexDeferred } from '../../apps/api/src/cli/index-deferred.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { createImport, executeImport } from '../../apps/api/src/import/jobs.ts';
import { writeDiscourseDump } from './discourse-dump.ts';

export async function scaleForum(posts: number): Promise<string> {
  const forumPath = join(tmpdir(), `threadcoder-scale-${posts}.db`);
  if (existsSync(forumPath)) return forumPath;
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-scale-forum-'));
  try {
    const dump = join(dir, 'dump.jsonl');
    await writeDiscourseDump(dump, { topics: Math.round(posts / 10), posts, seed: 20240601 });
    const building = join(dir, 'forum.db');
    const db = openDb(building);
    const importId = await createImport(db, { file: dump, sourceName: 'bench', format: 'discourse', mode: 'strict' });
    const record = await executeImport(db, importId);
    if (record.error) throw new Error(`The import failed: ${record.error.message}`);
    await indexDeferred(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(building, forumPath);
    return forumPath;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

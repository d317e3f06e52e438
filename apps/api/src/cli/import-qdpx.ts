// `threadcoder import-qdpx <file.qdpx> --owner <username>`: a .qdpx exported by Threadcoder
// (possibly on another server) as a new study owned by that user, matched to the forum threads
// already imported here. Prints the new study's id and what it holds.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDb } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import { importQdpxStudy } from '../qdpx-import/import-study.ts';
import { readQdpx } from '../qdpx-import/read-qdpx.ts';

const USAGE = 'Usage: threadcoder import-qdpx <file.qdpx> --owner <username>';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { owner: { type: 'string' } },
  });
  if (positionals.length !== 1 || !values.owner) {
    console.error(USAGE);
    return 2;
  }
  const db = openDb();
  try {
    const owner = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(values.owner) as number | undefined;
    if (owner === undefined) {
      console.error(`There is no user "${values.owner}".`);
      return 1;
    }
    const r = importQdpxStudy(db, readQdpx(readFileSync(positionals[0]!)), owner);
    console.log(
      `Study ${r.studyId}: ${r.units} units, ${r.codings} codings, final labels of ${r.finals} units${r.createdUsers.length ? `; created users (locked until an admin sets a password): ${r.createdUsers.join(', ')}` : ''}.`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(`${e.message}${e.where?.line ? ` (line ${e.where.line})` : ''}`);
    return 1;
  } finally {
    db.close();
  }
}

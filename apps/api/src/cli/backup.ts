import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb } from '../db/open.ts';

/** `backup <file>`: SQLite's online backup, safe while the server is running. */
export async function run(argv: string[]): Promise<number> {
  const [target] = argv;
  if (!target || argv.length > 1) {
    console.error('Usage: threadcoder backup <file>');
    return 2;
  }
  const path = resolve(target);
  if (existsSync(path)) {
    console.error(`${path} already exists; choose a new file name.`);
    return 2;
  }
  const db = openDb();
  try {
    const result = await db.backup(path);
    console.log(`Backed up ${result.totalPages} pages to ${path}.`);
    return 0;
  } finally {
    db.close();
  }
}

// Every transaction of the API goes through apps/api/src/db/write-transaction.ts: a bare
// better-sqlite3 `.transaction(` begins DEFERRED, and one that reads then writes fails at once
// with SQLITE_BUSY when a background writer (import, stem and search catch-up, suggestions,
// worker tasks) commits in between. This test reads the API's sources like a lint rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'apps/api/src');
const HELPER = 'apps/api/src/db/write-transaction.ts';

/** `file:line` of each `.transaction(` in this source text, any spacing. */
function bareTransactions(file: string, source: string): string[] {
  return source.split('\n').flatMap((text, i) => (/\.transaction\s*\(/.test(text) ? [`${file}:${i + 1}`] : []));
}

function sources(): string[] {
  return (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f))
    .map((f) => relative(root, join(src, f)));
}

describe('transactions in apps/api/src', () => {
  test('the check names the file and line of a bare transaction', () => {
    const source = 'const a = 1;\nreturn db\n  .transaction(() => {\n    x();\n  })();\ndb.transaction (f)();';
    expect(bareTransactions('apps/api/src/x.ts', source)).toEqual(['apps/api/src/x.ts:3', 'apps/api/src/x.ts:6']);
    expect(bareTransactions('apps/api/src/y.ts', 'writeTransaction(db, () => 1);')).toEqual([]);
  });

  test('none begins outside write-transaction.ts (use writeTransaction, immediateTransaction or readTransaction)', () => {
    const files = sources();
    expect(files).toContain(HELPER);
    const found = files
      .filter((f) => f !== HELPER)
      .flatMap((f) => bareTransactions(f, readFileSync(join(root, f), 'utf8')));
    expect(found, `bare .transaction( at ${found.join(', ')}`).toEqual([]);
  });
});

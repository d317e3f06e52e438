// The blind rule is a mechanism, not a habit: every read of the codings table goes through the
// viewer-scoped table expressions of apps/api/src/db/visibility.ts. This test scans the API's
// sources and fails on SQL that reads `codings` (FROM/JOIN codings) anywhere else, unless the
// file is listed below with the reason it must see every coding regardless of who asks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'apps/api/src');

const ACCESSOR = 'apps/api/src/db/visibility.ts';
const ALLOWED: Record<string, string> = {
  [ACCESSOR]: 'the accessor: visibleCodings, disclosedCodings, countableCodings, scoped to a viewer',
  'apps/api/src/db/codings.ts': "the write module: saves a coding, then reads back the saving coder's own coding",
  'apps/api/src/db/close-round.ts':
    "closing a round decides final labels and adjudications from every assigned coder's coding; no viewer, and the owner gets only the closed round's totals",
  'apps/api/src/db/hand-over.ts':
    "handing over a round's finished units decides final labels and adjudications from every assigned coder's coding and labels; no viewer, and its counts go only to an owner or adjudicator the round is not withheld from",
  'apps/api/src/db/incomplete-units.ts':
    "offering incomplete units again moves the units some assigned coder has not coded and drops those coders' assignments (a write); it answers only a count, and refuses a user the round is withheld from",
  'apps/api/src/db/codebook-upgrade.ts': 'moving a study to a new codebook version rewrites every coding (a write)',
  'apps/api/src/db/codebook-reviews.ts':
    "a codebook split's review item writes to the reviewed coding and is open until that coder codes the unit again",
  'apps/api/src/db/codebook-choose.ts':
    'a codebook may not be replaced once anyone coded with it: a yes/no check that never says how many or whose',
  'apps/api/src/db/quote-check.ts':
    "a quote is checked against the text of the revision the saving coder's own coding is on; it reads only that coder's coding",
  'apps/api/src/db/coded-text-sql.ts':
    'an analysis reads a unit at the lowest revision its codings were made on: only revision numbers, never labels, memos or coders',
  'apps/api/src/suggest/training-data.ts':
    'suggestion training reads only whether a closed round’s unit was coded by every assigned coder',
};

/** SQL text that reads the codings table: FROM or JOIN codings, any case and spacing, outside comments. */
function readsCodings(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return /\b(?:FROM|JOIN)\s+codings\b/i.test(code);
}

/** Reads the labels table, which holds every coder's labels and is reached through a coding's id. */
function readsLabels(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return /\b(?:FROM|JOIN)\s+coding_labels\b/i.test(code);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(e.name) ? [path] : [];
  });
}

describe('every read of codings goes through db/visibility.ts', () => {
  test('the scan finds reads in any form and ignores comments and writes', () => {
    expect(readsCodings('db.prepare("SELECT * FROM codings WHERE id = ?")')).toBe(true);
    expect(readsCodings('`SELECT 1 FROM units u\n  left join\n  codings c ON c.unit_id = u.id`')).toBe(true);
    expect(readsCodings("'DELETE FROM codings WHERE unit_id = ?'")).toBe(true);
    expect(readsCodings('`SELECT count(*) FROM (SELECT c.* FROM visible) c`')).toBe(false);
    expect(readsCodings('// final labels are made from codings of the pinned version')).toBe(false);
    expect(readsCodings("'INSERT INTO codings (unit_id) VALUES (?)'")).toBe(false);
    expect(readsCodings("'SELECT * FROM codings_archive'")).toBe(false);
  });

  test('no source file outside the allowlist reads the codings table', () => {
    const offenders = sourceFiles(src)
      .map((path) => relative(root, path))
      .filter((path) => !(path in ALLOWED) && readsCodings(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('a file that reads coding_labels takes its coding ids from the accessor (or is allowlisted)', () => {
    const offenders = sourceFiles(src)
      .map((path) => relative(root, path))
      .filter((path) => {
        const text = readFileSync(join(root, path), 'utf8');
        return !(path in ALLOWED) && readsLabels(text) && !/from '(\.\.\/db\/|\.\/)visibility\.ts'/.test(text);
      });
    expect(offenders).toEqual([]);
  });

  test('the accessor reads codings, and every allowlisted file exists with a reason', () => {
    expect(readsCodings(readFileSync(join(root, ACCESSOR), 'utf8'))).toBe(true);
    for (const [path, reason] of Object.entries(ALLOWED)) {
      expect(reason.length, path).toBeGreaterThan(20);
      expect(() => readFileSync(join(root, path)), path).not.toThrow();
    }
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { codeToRow, rowToCode } from '@threadcoder/taxonomy';
import { smallCodebook } from './fixtures.ts';

// The columns of the codes table, read from the migration itself.
const sql = readFileSync(
  fileURLToPath(new URL('../../apps/api/src/db/migrations/001_initial.sql', import.meta.url)),
  'utf8',
);
const table = /CREATE TABLE codes \(([\s\S]*?)\n\) WITHOUT ROWID;/.exec(sql)?.[1] ?? '';
const columns = table
  .split('\n')
  .map((line) => /^\s+([a-z_]+)\s+(TEXT|INTEGER)/.exec(line)?.[1])
  .filter((name) => name !== undefined);

describe('the model maps 1:1 onto the codes table', () => {
  test('every column but version_id has exactly one field', () => {
    const docs = smallCodebook().codes[1];
    expect(columns.filter((name) => name !== 'version_id')).toEqual(Object.keys(codeToRow(docs!)));
  });

  test('a code as a row', () => {
    expect(codeToRow(smallCodebook().codes[1]!)).toEqual({
      id: 'docs',
      parent_id: 'challenge',
      position: 0,
      dimension: 'challenge',
      name: 'Documentation gaps',
      definition: 'Docs are missing, outdated or unclear.',
      include_note: 'Model cards, too.',
      exclude_note: 'API errors.',
      examples_json: '[{"quote":"The model card says nothing","postId":12}]',
      color: '#1F77B4',
      shortcut: '1',
      status: 'active',
      codable: 1,
    });
  });

  test('row -> code -> row is lossless for every code', () => {
    for (const code of smallCodebook().codes) expect(rowToCode(codeToRow(code))).toEqual(code);
  });
});

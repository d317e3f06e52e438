import { describe, expect, test } from 'vitest';
import {
  changeMetaSchema,
  codePatchSchema,
  mergeInputSchema,
  moveTargetSchema,
  newCodeSchema,
  splitInputSchema,
} from '@threadcoder/taxonomy';

// The request-body schemas the API validates with and the web forms reuse.
describe('request schemas', () => {
  test.each([
    ['a new code', newCodeSchema, { id: 'docs', name: 'Docs', parentId: 'challenge', shortcut: '4', color: '#00FF00' }],
    ['a new dimension', newCodeSchema, { id: 'trend', name: 'Trend', parentId: null }],
    ['a patch that clears the shortcut', codePatchSchema, { shortcut: null }],
    ['a move to the front', moveTargetSchema, { parentId: 'benefit', position: 0 }],
    ['a merge into an existing code', mergeInputSchema, { from: ['a', 'b'], into: 'a' }],
    ['a merge into a new code', mergeInputSchema, { from: ['a', 'b'], into: { id: 'c', name: 'C' } }],
    [
      'a split',
      splitInputSchema,
      {
        id: 'a',
        into: [
          { id: 'a1', name: 'A1' },
          { id: 'a2', name: 'A2' },
        ],
        childrenTo: 'a2',
      },
    ],
    ['change metadata', changeMetaSchema, { by: null, at: '2026-03-01T10:00:00+01:00', why: 'Merged after round 2' }],
  ])('accepts %s', (_what, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });

  test.each([
    ['an id with spaces', newCodeSchema, { id: 'a b', name: 'X', parentId: null }, ['id']],
    ['a color that is not #RRGGBB', codePatchSchema, { color: 'rgb(0,0,0)' }, ['color']],
    ['a shortcut of two keys', codePatchSchema, { shortcut: 'ab' }, ['shortcut']],
    ['an example without a quote', codePatchSchema, { examples: [{ postId: 3 }] }, ['examples', 0, 'quote']],
    ['a negative position', moveTargetSchema, { parentId: 'x', position: -1 }, ['position']],
    ['a split into one part', splitInputSchema, { id: 'a', into: [{ id: 'a1', name: 'A1' }] }, ['into']],
    ['a change without a reason', changeMetaSchema, { by: 1, at: '2026-03-01T10:00:00Z', why: ' ' }, ['why']],
    ['a change without a time zone', changeMetaSchema, { by: 1, at: '2026-03-01 10:00', why: 'x' }, ['at']],
  ])('refuses %s', (_what, schema, body, path) => {
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });
});

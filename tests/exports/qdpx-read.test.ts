import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { readQdpx, type ReadProject } from '../../apps/api/src/qdpx-import/read-qdpx.ts';
import { smallCodebook, smallStudy, type SmallStudy } from './small-study.ts';

// Reading back a .qdpx this app exported: the codebook, and per unit (thread by source and
// external id, post by number) each coder's codes, memo and quotes, and the final labels.
let s: SmallStudy;
let bytes: Uint8Array;
let read: ReadProject;
beforeAll(async () => {
  s = await smallStudy();
  bytes = exportFile(s.t.db, s.studyId, 'qdpx', OPERATOR, { now: new Date('2024-05-01T12:00:00.000Z') })
    .body as Uint8Array;
  read = readQdpx(bytes);
});
afterAll(() => s.t.close());

describe('reading a Threadcoder .qdpx', () => {
  test('the codebook comes back with its ids, names, tree and definitions', () => {
    expect(read.name).toBe('Small study');
    expect(read.users.map((u) => u.username)).toEqual(['ada', 'cody', 'cora', 'owen']);
    const pick = (c: { id: string; parentId: string | null; name: string; definition: string; codable: boolean }) => ({
      id: c.id,
      parentId: c.parentId,
      name: c.name,
      definition: c.definition,
      codable: c.codable,
    });
    expect(read.codebook.codes.map(pick)).toEqual(smallCodebook().codes.map(pick));
  });

  test('units carry their forum thread and post number, codings per coder with memo and quotes, and final labels', () => {
    const forumSource = s.t.db.prepare('SELECT name FROM sources').pluck().get() as string;
    const externalIds = s.t.db.prepare('SELECT external_id FROM threads ORDER BY id').pluck().all() as string[];
    const brief = read.units.map((u) => ({
      source: u.sourceName,
      thread: u.threadExternalId,
      post: u.postNumber,
      codings: u.codings.map((c) => [c.username, c.codeIds.join(' '), c.memo, c.quotes]),
      final: u.final,
    }));
    expect(brief).toEqual([
      {
        source: forumSource,
        thread: externalIds[0],
        post: 1,
        codings: [
          ['cody', 'docs', '', []],
          ['cora', 'docs', '', [{ codeId: 'docs', start: 5, end: 10, text: '👋 are' }]],
        ],
        final: { codeIds: ['docs'], rationale: '', settledBy: null },
      },
      {
        source: forumSource,
        thread: externalIds[0],
        post: 2,
        codings: [['cora', 'reuse', 'SECRET-MEMO-OF-CORA', [{ codeId: 'reuse', start: 0, end: 3, text: 'See' }]]],
        final: null,
      },
      {
        source: forumSource,
        thread: externalIds[1],
        post: 1,
        // The source text has LF where the post has CRLF: the quote's offset counts the written text.
        codings: [
          ['cody', 'docs setup', '', [{ codeId: 'setup', start: 8, end: 13, text: 'setup' }]],
          ['cora', 'setup', '', []],
        ],
        final: { codeIds: ['setup'], rationale: 'Docs are not the issue', settledBy: 'ada' },
      },
    ]);
  });

  test.each([
    ['not a zip', strToU8('hello'), 'The file is not a .qdpx (a zip archive).'],
    ['no project.qde', zipSync({ 'a.txt': strToU8('x') }), 'The .qdpx holds no project.qde.'],
    [
      'a project from another tool',
      zipSync({
        'project.qde': strToU8(
          '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="P"><CodeBook><Codes><Code guid="0c3f1c2e-6a55-4f4e-9d0b-7d1e2c3b4a59" name="A" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="1c3f1c2e-6a55-4f4e-9d0b-7d1e2c3b4a59" name="Interview" plainTextPath="internal://x.txt"/></Sources></Project>',
        ),
      }),
      'Source "Interview" does not name its forum thread: only a .qdpx exported by Threadcoder can be imported.',
    ],
    ['malformed XML', zipSync({ 'project.qde': strToU8('<Project><Sources></Project>') }), undefined],
  ])('%s is refused', (_what, file, message) => {
    expect(() => readQdpx(file)).toThrow(message ?? /not well-formed XML/);
  });
});

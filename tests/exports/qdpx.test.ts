import { strToU8, zipSync } from 'fflate';
import { codeGuid } from '@threadcoder/taxonomy';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR, type Viewer } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { FINAL_USER_GUID, userGuid } from '../../apps/api/src/exports/qdpx-model.ts';
import { checkProject, selectedText, sourceTextOf } from './qdpx-checks.ts';
import { child, childrenNamed, readQdpx, walk, type El, type Qdpx } from './qdpx-read.ts';
import { POST_1, smallStudy, type SmallStudy } from './small-study.ts';

let s: SmallStudy;
let q: Qdpx;
const now = new Date('2024-05-01T12:00:00.000Z');
const qdpx = (viewer: Viewer) => readQdpx(exportFile(s.t.db, s.studyId, 'qdpx', viewer, { now }).body as Uint8Array);
beforeAll(async () => {
  s = await smallStudy();
  q = qdpx(OPERATOR);
});
afterAll(() => s.t.close());

const sources = (x: Qdpx) => childrenNamed(child(x.project, 'Sources')!, 'TextSource');
const sourceNamed = (x: Qdpx, name: string) => sources(x).find((t) => t.attrs.name === name)!;
const selections = (source: El) => childrenNamed(source, 'PlainTextSelection');
const codeRefs = (sel: El) => childrenNamed(sel, 'Coding').map((c) => c.children[0]!.attrs.targetGUID);

describe('.qdpx as the operator exports it', () => {
  test('unzips to project.qde and one source file per thread, and the project passes the structure checks', () => {
    expect(Object.keys(q.files).sort()).toEqual(
      ['project.qde', ...sources(q).map((t) => `sources/${t.attrs.plainTextPath!.slice(11)}`)].sort(),
    );
    expect(sources(q)).toHaveLength(2);
    checkProject(q);
    expect(q.project.children.map((c) => c.name)).toEqual(['Users', 'CodeBook', 'Sources', 'Notes']);
    expect(q.project.attrs).toMatchObject({
      name: 'Small study',
      origin: 'Threadcoder',
      creationDateTime: '2024-05-01T12:00:00.000Z',
      creatingUserGUID: userGuid('owen'),
    });
  });

  test('users are the members and the "Final (adjudicated)" pseudo-user', () => {
    const users = childrenNamed(child(q.project, 'Users')!, 'User').map((u) => [u.attrs.name, u.attrs.guid]);
    expect(users).toEqual([
      ['ada', userGuid('ada')],
      ['cody', userGuid('cody')],
      ['cora', userGuid('cora')],
      ['owen', userGuid('owen')],
      ['Final (adjudicated)', FINAL_USER_GUID],
    ]);
  });

  test('the codebook is the pinned version with packages/taxonomy’s guids, nested, folders not codable', () => {
    const codes = child(child(q.project, 'CodeBook')!, 'Codes')!;
    const tree = (el: El): unknown => ({
      name: el.attrs.name,
      guid: el.attrs.guid,
      codable: el.attrs.isCodable,
      children: childrenNamed(el, 'Code').map(tree),
    });
    expect(childrenNamed(codes, 'Code').map(tree)).toEqual([
      {
        name: 'Challenge',
        guid: codeGuid('challenge'),
        codable: 'false',
        children: [
          { name: 'Documentation gaps', guid: codeGuid('docs'), codable: 'true', children: [] },
          { name: 'Environment setup', guid: codeGuid('setup'), codable: 'true', children: [] },
        ],
      },
      {
        name: 'Benefit',
        guid: codeGuid('benefit'),
        codable: 'false',
        children: [{ name: 'Model reuse', guid: codeGuid('reuse'), codable: 'true', children: [] }],
      },
    ]);
    expect(child([...walk(codes)].find((e) => e.attrs.name === 'Documentation gaps')!, 'Description')!.text).toBe(
      'Definition: Missing or unclear documentation.\nId: docs',
    );
  });

  test('a thread is one source: its posts joined by a blank line, CRLF written as LF', () => {
    expect(sourceTextOf(q, sourceNamed(q, 'Where are the docs?'))).toBe(`${POST_1}\n\nSee the guide`);
    expect(sourceTextOf(q, sourceNamed(q, 'Setup fails'))).toBe('Windows\nsetup fails\n\nReuse the model instead');
    expect(child(sourceNamed(q, 'Setup fails'), 'Description')!.text).toContain(
      'Thread t2 of Test forum, created 2022-04-05T12:00:00.000Z',
    );
  });

  test('the words a post quotes stay out of the source text (offsets point into own words) and are listed in its description', () => {
    const post = s.t.db.prepare('SELECT post_id FROM units WHERE id = ?').pluck().get(s.units[2]) as number;
    s.t.db.prepare("UPDATE posts SET quoted_text = 'Windows setup fails' WHERE id = ?").run(post);
    try {
      const x = qdpx(OPERATOR);
      expect(sourceTextOf(x, sourceNamed(x, 'Setup fails'))).toBe('Windows\nsetup fails\n\nReuse the model instead');
      expect(child(sourceNamed(x, 'Setup fails'), 'Description')!.text).toContain(
        'Words the posts quote from other posts (not in the text):\n#2: Windows setup fails',
      );
      checkProject(x);
    } finally {
      s.t.db.prepare("UPDATE posts SET quoted_text = '' WHERE id = ?").run(post);
    }
  });

  test('offsets are code points: each coding spans its post, the quote past an emoji selects exactly the quote', () => {
    const t1 = sourceNamed(q, 'Where are the docs?');
    const post1 = Array.from(POST_1).length;
    expect(post1).toBe(POST_1.length - 2); // 👋 and 𝒳 are two UTF-16 units each
    const spans = selections(t1).map((sel) => [
      sel.attrs.name,
      Number(sel.attrs.startPosition),
      Number(sel.attrs.endPosition),
      sel.attrs.creatingUser,
    ]);
    expect(spans).toEqual([
      ['Unit 1 (post 1): cody', 0, post1, userGuid('cody')],
      ['Unit 1 (post 1): cora', 0, post1, userGuid('cora')],
      ['Unit 1 (post 1): final labels (agreement)', 0, post1, FINAL_USER_GUID],
      ['Quote for Documentation gaps: cora', 5, 10, userGuid('cora')],
      ['Unit 4 (post 2): cora', post1 + 2, post1 + 2 + 13, userGuid('cora')],
      ['Quote for Model reuse: cora', post1 + 2, post1 + 5, userGuid('cora')],
    ]);
    const quote = selections(t1).find((sel) => sel.attrs.name === 'Quote for Documentation gaps: cora')!;
    expect(selectedText(q, t1, quote)).toBe('👋 are');
    expect(selectedText(q, t1, selections(t1)[0]!)).toBe(POST_1);
    expect(codeRefs(quote)).toEqual([codeGuid('docs')]);
  });

  test('offsets map through the CRLF → LF rewrite', () => {
    const t2 = sourceNamed(q, 'Setup fails');
    const byName = new Map(selections(t2).map((sel) => [sel.attrs.name, sel]));
    expect(selectedText(q, t2, byName.get('Unit 2 (post 1): cody')!)).toBe('Windows\nsetup fails');
    expect(selectedText(q, t2, byName.get('Quote for Environment setup: cody')!)).toBe('setup');
    expect(codeRefs(byName.get('Unit 2 (post 1): cody')!)).toEqual([codeGuid('docs'), codeGuid('setup')]);
    // Unit 3 was settled with no label: no coding to select, by the coders or as final labels.
    expect([...byName.keys()].some((n) => n!.startsWith('Unit 3'))).toBe(false);
  });

  test('final labels are codings by the pseudo-user; the rationale and the memo are notes referenced from their selections', () => {
    const t2 = sourceNamed(q, 'Setup fails');
    const final = selections(t2).find((sel) => sel.attrs.creatingUser === FINAL_USER_GUID)!;
    expect(final.attrs).toMatchObject({
      name: 'Unit 2 (post 1): final labels (adjudication)',
      creationDateTime: '2024-03-01T00:00:00.000Z',
    });
    expect(codeRefs(final)).toEqual([codeGuid('setup')]);
    const notes = childrenNamed(child(q.project, 'Notes')!, 'Note');
    const byGuid = new Map(notes.map((n) => [n.attrs.guid, n]));
    const rationale = byGuid.get(child(final, 'NoteRef')!.attrs.targetGUID)!;
    expect(rationale.attrs).toMatchObject({ name: 'Adjudication: Unit 2 (post 1)', creatingUser: userGuid('ada') });
    expect(child(rationale, 'PlainTextContent')!.text).toBe('Docs are not the issue');
    const memoRef = child(
      selections(sourceNamed(q, 'Where are the docs?')).find((sel) => sel.attrs.name === 'Unit 4 (post 2): cora')!,
      'NoteRef',
    )!;
    expect(child(byGuid.get(memoRef.attrs.targetGUID)!, 'PlainTextContent')!.text).toBe('SECRET-MEMO-OF-CORA');
  });

  test('exporting twice gives the same guids', () => {
    const again = qdpx(OPERATOR);
    const guids = (x: Qdpx) => [...walk(x.project)].map((e) => e.attrs.guid).filter(Boolean);
    expect(guids(again)).toEqual(guids(q));
  });
});

describe('.qdpx and the blind rule', () => {
  test('a coder gets their own codings and the unit in adjudication, no final labels, no one else’s memo', () => {
    const cody = qdpx({ operator: false, userId: s.ids.cody!, roles: ['coder'] });
    checkProject(cody);
    const names = sources(cody).flatMap((t) => selections(t).map((sel) => sel.attrs.name));
    expect(names).toEqual([
      'Unit 1 (post 1): cody',
      'Unit 2 (post 1): cody',
      'Unit 2 (post 1): cora',
      'Quote for Environment setup: cody',
    ]);
    expect(cody.xml).not.toContain('SECRET-MEMO-OF-CORA');
    expect(cody.xml).not.toContain(FINAL_USER_GUID);
    expect(child(cody.project, 'Notes')).toBeUndefined();
  });

  test('the owner of the blind study gets the final labels but not codings still blind', () => {
    const owen = qdpx({ operator: false, userId: s.ids.owen!, roles: ['owner'] });
    checkProject(owen);
    const names = sources(owen).flatMap((t) => selections(t).map((sel) => sel.attrs.name));
    expect(names).toEqual([
      'Unit 1 (post 1): final labels (agreement)',
      'Unit 2 (post 1): cody',
      'Unit 2 (post 1): cora',
      'Unit 2 (post 1): final labels (adjudication)',
      'Quote for Environment setup: cody',
    ]);
    expect(owen.xml).not.toContain('SECRET-MEMO-OF-CORA');
  });
});

describe('.qdpx edge cases', () => {
  test('XML special characters in names and memos are escaped; a label the codebook lacks becomes a code of its own', async () => {
    const x = await smallStudy();
    try {
      x.t.db.prepare('UPDATE studies SET name = \'A & B <"study">\' WHERE id = ?').run(x.studyId);
      x.t.db.prepare('UPDATE threads SET title = \'<b>bold</b> & "quoted"\' WHERE id = ?').run(x.threads[0]);
      x.t.db.prepare("UPDATE codings SET memo = 'line 1\r\nline 2 </Note> & more' WHERE id = 7").run();
      x.t.db.prepare("INSERT INTO coding_labels (coding_id, code_id) VALUES (7, 'retired-code')").run();
      const r = readQdpx(exportFile(x.t.db, x.studyId, 'qdpx', OPERATOR, { now }).body as Uint8Array);
      checkProject(r);
      expect(r.project.attrs.name).toBe('A & B <"study">');
      expect(sources(r).map((t) => t.attrs.name)).toContain('<b>bold</b> & "quoted"');
      const memo = childrenNamed(child(r.project, 'Notes')!, 'Note').find((n) => n.attrs.name!.startsWith('Memo'))!;
      expect(r.xml).toContain('line 1&#13;\nline 2 &lt;/Note&gt; &amp; more');
      expect(child(memo, 'PlainTextContent')!.text).toContain('line 2 </Note> & more');
      const retired = [...walk(child(r.project, 'CodeBook')!)].find((e) => e.attrs.guid === codeGuid('retired-code'))!;
      expect(retired.attrs).toMatchObject({ name: 'retired-code', isCodable: 'true' });
    } finally {
      x.t.close();
    }
  });

  test('a quote whose offsets fall outside its post is left out rather than misplaced', async () => {
    const x = await smallStudy();
    try {
      x.t.db.prepare("UPDATE coding_labels SET quote_start = 10, quote_end = 400 WHERE code_id = 'reuse'").run();
      const r = readQdpx(exportFile(x.t.db, x.studyId, 'qdpx', OPERATOR, { now }).body as Uint8Array);
      checkProject(r);
      expect(r.xml).not.toContain('Quote for Model reuse');
      expect(r.xml).toContain('Unit 4 (post 2): cora');
    } finally {
      x.t.close();
    }
  });

  test('a thread study: one selection spans the whole thread; quote offsets count across the blank lines', async () => {
    const x = await smallStudy();
    try {
      const [, t2] = x.threads;
      x.t.db.prepare("UPDATE studies SET unit_kind = 'thread' WHERE id = ?").run(x.studyId);
      x.t.db.prepare('DELETE FROM units WHERE study_id = ?').run(x.studyId);
      const unit = Number(
        x.t.db
          .prepare('INSERT INTO units (study_id, round_id, thread_id, post_id, position) VALUES (?, ?, ?, NULL, 1)')
          .run(x.studyId, x.rounds.main, t2).lastInsertRowid,
      );
      const coding = Number(
        x.t.db
          .prepare(
            "INSERT INTO codings (unit_id, coder_id, version_id, created_at, updated_at) VALUES (?, ?, (SELECT codebook_version_id FROM studies), '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')",
          )
          .run(unit, x.ids.cora).lastInsertRowid,
      );
      // Stored text: "Windows\r\nsetup fails\n\nReuse the model instead"; "model" starts at code point 32.
      x.t.db
        .prepare(
          "INSERT INTO coding_labels (coding_id, code_id, quote, quote_start, quote_end) VALUES (?, 'reuse', 'model', 32, 37)",
        )
        .run(coding);
      const r = readQdpx(exportFile(x.t.db, x.studyId, 'qdpx', OPERATOR, { now }).body as Uint8Array);
      checkProject(r);
      expect(sources(r)).toHaveLength(1);
      const [whole, quote] = selections(sources(r)[0]!);
      expect(selectedText(r, sources(r)[0]!, whole!)).toBe('Windows\nsetup fails\n\nReuse the model instead');
      expect(whole!.attrs.name).toBe(`Unit ${unit} (thread): cora`);
      expect(selectedText(r, sources(r)[0]!, quote!)).toBe('model');
    } finally {
      x.t.close();
    }
  });
});

describe('the structure checks themselves', () => {
  const project = (body: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x">\n${body}\n</Project>\n`;
  const zipped = (xml: string, text = 'hello') =>
    readQdpx(
      zipSync({ 'project.qde': strToU8(xml), 'sources/0a4b4c39-84f3-5d52-9d52-0d2b8c7b7c11.txt': strToU8(text) }),
    );
  const users = '<Users><User guid="11111111-1111-5111-8111-111111111111" name="u"/></Users>';
  const codebook = `<CodeBook><Codes><Code guid="${codeGuid('docs')}" name="Docs" isCodable="true"/></Codes></CodeBook>`;
  const source = (start: number, end: number, target = codeGuid('docs')) =>
    `<Sources><TextSource guid="0a4b4c39-84f3-5d52-9d52-0d2b8c7b7c11" name="s" plainTextPath="internal://0a4b4c39-84f3-5d52-9d52-0d2b8c7b7c11.txt">` +
    `<PlainTextSelection guid="22222222-2222-5222-8222-222222222222" startPosition="${start}" endPosition="${end}" creatingUser="11111111-1111-5111-8111-111111111111">` +
    `<Coding guid="33333333-3333-5333-8333-333333333333" creatingUser="11111111-1111-5111-8111-111111111111"><CodeRef targetGUID="${target}"/></Coding>` +
    '</PlainTextSelection></TextSource></Sources>';

  test.each([
    ['a valid project passes', project(users + codebook + source(0, 5)), null],
    ['children out of order', project(users + source(0, 5) + codebook), /deeply equal/],
    ['a selection past the end of the text', project(users + codebook + source(0, 6)), /within 5/],
    [
      'a CodeRef to no code',
      project(users + codebook + source(0, 5, '44444444-4444-5444-8444-444444444444')),
      /targets a Code/,
    ],
    ['an empty container', project(`${users + codebook + source(0, 5)}<Sets/>`), /not empty/],
    ['the wrong namespace', project(users).replace('urn:QDA-XML:project:1.0', 'urn:QDA-XML:codebook:1.0'), /expected/],
  ])('%s', (_, xml, error) => {
    const check = () => checkProject(zipped(xml));
    if (error) expect(check).toThrow(error);
    else check();
  });
});

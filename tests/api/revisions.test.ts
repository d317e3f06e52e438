// Revisions (issue 17 point 7): a re-import that changes a coded post keeps the text the
// coding was made on, for the coder, the adjudicator and the exports; the new text is what
// new codings are made on; an unchanged re-import makes no revision.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addMember, insertStudy } from '../../apps/api/src/db/studies.ts';
import { distinctiveTermsReport } from '../../apps/api/src/db/analysis-terms.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { trainingData } from '../../apps/api/src/suggest/training-data.ts';
import { childrenNamed, readQdpx, walk } from '../exports/qdpx-read.ts';
import { loggedIn } from '../support/agent.ts';
import { insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { importTopics, postIdOf, threadIdOf, topics, withEditedAnswer } from '../support/revised-forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let dir: string;
beforeEach(() => {
  t = makeTestApp();
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-revisions-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const quote = { text: 'push_to_hub()', start: 4, end: 17 };

/** A blind post study over the imported forum with one unit, post 60002, for cora and cody. */
async function postStudy() {
  await importTopics(t.db, dir, topics());
  const { ids, studyId } = await addStudyCast(t.db);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const [unitId] = insertUnits(
    t.db,
    studyId,
    roundId,
    [{ threadId: threadIdOf(t.db, '2001'), postId: postIdOf(t.db, '60002'), coderIds: [ids.cora!, ids.cody!] }],
    ids.owen!,
    {},
  );
  const unitPath = `/api/studies/${studyId}/units/${unitId}`;
  return { ids, studyId, roundId, unitId: unitId!, unitPath };
}

const unitPost = (body: { posts: { isUnit: boolean; text: string; html: string }[] }) =>
  body.posts.find((p) => p.isUnit)!;

describe('a re-import that edits a coded post', () => {
  test('the coder keeps the coded text and quote, and sees it was edited, with both texts', async () => {
    const s = await postStudy();
    const cora = await loggedIn(t.app, 'cora');
    const saved = await cora.request('PUT', `${s.unitPath}/coding`, {
      codeIds: ['model-usage'],
      quotes: { 'model-usage': quote },
    });
    expect((await saved.json()).coding.revision).toBe(1);

    const report = await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    expect(report.posts).toEqual({ new: 0, updated: 1, unchanged: 4 });

    const body = await (await cora.get(s.unitPath)).json();
    expect(unitPost(body)).toMatchObject({
      text: 'Use push_to_hub().',
      html: '<p>Use <code>push_to_hub()</code>.</p>',
    });
    expect(body.coding.quotes).toEqual({ 'model-usage': quote });
    expect(body.editedSinceCoded).toBe(true);
    expect(body.revision).toEqual({
      coded: 1,
      current: 2,
      editedSinceCoded: true,
      codedText: 'Use push_to_hub().',
      currentText: 'Use upload_folder() instead: upload_folder() is faster.',
    });
    // Saving again (a new memo) keeps the revision the quote was taken from.
    const again = await cora.request('PUT', `${s.unitPath}/coding`, {
      codeIds: ['model-usage'],
      memo: 'still true',
      quotes: { 'model-usage': quote },
    });
    // The quote is checked against the coded text, not the edited one.
    expect(again.status).toBe(200);
    expect((await again.json()).coding.revision).toBe(1);
  });

  test('a new coding is made on the current text', async () => {
    const s = await postStudy();
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    const cody = await loggedIn(t.app, 'cody');
    const before = await (await cody.get(s.unitPath)).json();
    expect(unitPost(before).text).toBe('Use upload_folder() instead: upload_folder() is faster.');
    expect(before.editedSinceCoded).toBe(false);
    expect(before.revision).toEqual({
      coded: null,
      current: 2,
      editedSinceCoded: false,
      codedText: null,
      currentText: null,
    });
    const saved = await cody.request('PUT', `${s.unitPath}/coding`, { codeIds: ['model-usage'] });
    expect((await saved.json()).coding.revision).toBe(2);
    expect((await (await cody.get(s.unitPath)).json()).editedSinceCoded).toBe(false);
  });

  test('the adjudicator reads the unit as first coded, edited since', async () => {
    const s = await postStudy();
    const cora = await loggedIn(t.app, 'cora');
    await cora.request('PUT', `${s.unitPath}/coding`, { codeIds: ['model-usage'], quotes: { 'model-usage': quote } });
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    const cody = await loggedIn(t.app, 'cody');
    await cody.request('PUT', `${s.unitPath}/coding`, { codeIds: ['beginner-guidance'] });
    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).status).toBe(200);

    const ada = await loggedIn(t.app, 'ada');
    const body = await (await ada.get(`/api/studies/${s.studyId}/adjudication/units/${s.unitId}`)).json();
    expect(body.item.codings.map((c: { username: string; revision: number }) => [c.username, c.revision])).toEqual([
      ['cody', 2],
      ['cora', 1],
    ]);
    expect(unitPost(body).text).toBe('Use push_to_hub().');
    expect(body.editedSinceCoded).toBe(true);
    expect(body.revision.codedText).toBe('Use push_to_hub().');
    expect(body.revision.currentText).toBe('Use upload_folder() instead: upload_folder() is faster.');
  });

  test('the codings CSV names each coding’s revision with the text it was made on and the .qdpx writes the coded text', async () => {
    const s = await postStudy();
    const cora = await loggedIn(t.app, 'cora');
    await cora.request('PUT', `${s.unitPath}/coding`, { codeIds: ['model-usage'], quotes: { 'model-usage': quote } });
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    const cody = await loggedIn(t.app, 'cody');
    await cody.request('PUT', `${s.unitPath}/coding`, { codeIds: ['beginner-guidance'] });
    const owen = await loggedIn(t.app, 'owen');
    // The owner of a blind study sees codings once the round is unblinded.
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/unblind`)).status).toBe(200);

    const csv = await (await owen.get(`/api/studies/${s.studyId}/exports/codings`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'unit,thread,post,coder,code,round,created_at,revision,thread_created_at,post_created_at,text,quoted_text',
    );
    // Each row's text is the unit's own words at that coding's revision.
    expect(
      lines.slice(1).map((l) =>
        l
          .split(',')
          .slice(3)
          .filter((_, i) => i === 0 || i === 4 || i >= 7),
      ),
    ).toEqual([
      ['cody', '2', 'Use upload_folder() instead: upload_folder() is faster.', ''],
      ['cora', '1', 'Use push_to_hub().', ''],
    ]);

    const qdpx = readQdpx(
      new Uint8Array(await (await owen.get(`/api/studies/${s.studyId}/exports/qdpx`)).arrayBuffer()),
    );
    const source = [...walk(qdpx.project)].find((e) => e.name === 'TextSource')!;
    const text = strFromU8(qdpx.files[`sources/${source.attrs.guid}.txt`]!);
    expect(text).toBe('How do I push my dataset?\n\nUse push_to_hub().');
    const quoted = childrenNamed(source, 'PlainTextSelection').find((e) => e.attrs.name?.startsWith('Quote'))!;
    const points = Array.from(text);
    expect(points.slice(Number(quoted.attrs.startPosition), Number(quoted.attrs.endPosition)).join('')).toBe(
      'push_to_hub()',
    );
  });
});

describe('a re-import that changes what a coded post quotes (migration 022)', () => {
  // Post 60002 first quotes the question (a real Discourse quote block) above its own words;
  // the forum then replaces it with a screenshot: no own words, nothing quoted.
  const quoting = () => {
    const list = topics();
    list[0]!.post_stream.posts[1]!.cooked =
      `<aside class="quote no-group" data-username="ann" data-post="1" data-topic="2001">
<div class="title">
<div class="quote-controls"></div>
<img loading="lazy" alt="" width="24" height="24" src="https://avatars.discourse-cdn.com/v4/letter/a/db5fbb/48.png" class="avatar"> ann:</div>
<blockquote>
<p>How do I push my dataset?</p>
</blockquote>
</aside>
<p>Use <code>push_to_hub()</code>.</p>`;
    return list;
  };
  const screenshot = () => {
    const list = topics();
    list[0]!.post_stream.posts[1]!.cooked =
      '<p><img src="https://us1.discourse-cdn.com/hf/original/2X/a/ab12.png" alt="push dialog" width="690" height="388"></p>';
    return list;
  };

  test('each revision keeps its quoted words, preview words and content kind; the unit and the CSV read them as coded', async () => {
    await importTopics(t.db, dir, quoting());
    const { ids, studyId } = await addStudyCast(t.db);
    pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
    const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    const post = postIdOf(t.db, '60002');
    const [unitId] = insertUnits(
      t.db,
      studyId,
      roundId,
      [{ threadId: threadIdOf(t.db, '2001'), postId: post, coderIds: [ids.cora!] }],
      ids.owen!,
      {},
    );
    const cora = await loggedIn(t.app, 'cora');
    const unitPath = `/api/studies/${studyId}/units/${unitId}`;
    const saved = await cora.request('PUT', `${unitPath}/coding`, {
      codeIds: ['model-usage'],
      quotes: { 'model-usage': quote },
    });
    expect(saved.status).toBe(200);

    expect((await importTopics(t.db, dir, screenshot(), 'edited.jsonl')).posts).toEqual({
      new: 0,
      updated: 1,
      unchanged: 4,
    });
    expect(
      t.db
        .prepare(
          'SELECT revision, text, quoted_text, preview_text, content_kind FROM post_revisions WHERE post_id = ? ORDER BY revision',
        )
        .all(post),
    ).toEqual([
      {
        revision: 1,
        text: 'Use push_to_hub().',
        quoted_text: 'How do I push my dataset?',
        preview_text: '',
        content_kind: 'text',
      },
      { revision: 2, text: '', quoted_text: '', preview_text: '', content_kind: 'image_only' },
    ]);

    const body = await (await cora.get(unitPath)).json();
    expect(unitPost(body)).toMatchObject({ text: 'Use push_to_hub().', contentKind: 'text' });
    expect(body.revision).toMatchObject({ coded: 1, current: 2, codedText: 'Use push_to_hub().', currentText: '' });

    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.post(`/api/studies/${studyId}/rounds/${roundId}/unblind`)).status).toBe(200);
    const csv = await (await owen.get(`/api/studies/${studyId}/exports/codings`)).text();
    expect(
      csv
        .trim()
        .split('\r\n')
        .map((l) =>
          l
            .split(',')
            .slice(7)
            .filter((_, i) => i !== 1 && i !== 2),
        ),
    ).toEqual([
      ['revision', 'text', 'quoted_text'],
      ['1', 'Use push_to_hub().', 'How do I push my dataset?'],
    ]);
  });
});

describe('analyses read the coded text', () => {
  test('suggestion training and distinctive terms read a settled unit as coded, not as edited since', async () => {
    const s = await postStudy();
    const [other] = insertUnits(
      t.db,
      s.studyId,
      s.roundId,
      [{ threadId: threadIdOf(t.db, '2002'), postId: postIdOf(t.db, '60003'), coderIds: [s.ids.cora!, s.ids.cody!] }],
      s.ids.owen!,
      {},
    );
    for (const name of ['cora', 'cody']) {
      const coder = await loggedIn(t.app, name);
      await coder.request('PUT', `${s.unitPath}/coding`, { codeIds: ['model-usage'] });
      await coder.request('PUT', `/api/studies/${s.studyId}/units/${other}/coding`, { codeIds: ['beginner-guidance'] });
    }
    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).status).toBe(200);
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');

    expect(trainingData(t.db, s.studyId).examples).toEqual([
      {
        text: 'How to push a dataset to the Hub?\nUse push_to_hub().',
        body: 'Use push_to_hub().',
        thread: threadIdOf(t.db, '2001'),
        codeIds: ['model-usage'],
      },
      {
        text: 'Tokenizer pads on the wrong side\nSet padding_side="left"?',
        body: 'Set padding_side="left"?',
        thread: threadIdOf(t.db, '2002'),
        codeIds: ['beginner-guidance'],
      },
    ]);
    const terms = () =>
      distinctiveTermsReport(t.db, s.studyId, { code: 'model-usage' }).codes.flatMap((c) => c.terms.map((x) => x.term));
    expect(terms()).toEqual([]);
    // Read as stored now (as before revisions), the edit's repeated word would be a distinctive term.
    t.db.exec('DELETE FROM post_revisions');
    expect(terms()).toContain('upload_folder');
  });
});

describe('what makes a revision', () => {
  const revisions = () =>
    t.db
      .prepare(
        'SELECT p.external_id AS post, r.revision, r.thread_revision AS threadRevision, r.text FROM post_revisions r JOIN posts p ON p.id = r.post_id ORDER BY p.external_id, r.revision',
      )
      .all();

  test('an unchanged re-import, or one that changes only likes, makes none', async () => {
    await importTopics(t.db, dir, topics());
    const first = revisions();
    expect(first).toHaveLength(5);
    await importTopics(t.db, dir, topics(), 'again.jsonl');
    const liked = topics();
    liked[0]!.post_stream.posts[1]!.like_count = 40;
    const report = await importTopics(t.db, dir, liked, 'liked.jsonl');
    expect(report.posts.updated).toBe(1);
    expect(revisions()).toEqual(first);
    expect(t.db.prepare('SELECT thread_id, revision FROM thread_revisions').raw().all()).toHaveLength(3);
  });

  test('an edit is one new post revision in one new thread revision', async () => {
    await importTopics(t.db, dir, topics());
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    expect(revisions()).toContainEqual({ post: '60002', revision: 1, threadRevision: 1, text: 'Use push_to_hub().' });
    expect(revisions()).toContainEqual({
      post: '60002',
      revision: 2,
      threadRevision: 2,
      text: 'Use upload_folder() instead: upload_folder() is faster.',
    });
    expect(revisions()).toHaveLength(6);
  });
});

describe('a thread unit', () => {
  test('keeps its coded title and posts when the title changes and a reply arrives', async () => {
    await importTopics(t.db, dir, topics());
    const { ids } = await addStudyCast(t.db);
    const studyId = insertStudy(
      t.db,
      { name: 'Threads', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      ids.owen!,
    );
    addMember(t.db, studyId, ids.cora!, 'coder');
    pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
    const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    const [unitId] = insertUnits(
      t.db,
      studyId,
      roundId,
      [{ threadId: threadIdOf(t.db, '2001'), postId: null, coderIds: [ids.cora!] }],
      ids.owen!,
      {},
    );
    const cora = await loggedIn(t.app, 'cora');
    const path = `/api/studies/${studyId}/units/${unitId}`;
    await cora.request('PUT', `${path}/coding`, { codeIds: ['model-usage'] });

    const next = topics();
    next[0]!.title = 'Pushing a dataset to the Hub';
    const reply = { ...next[0]!.post_stream.posts[1]!, id: 60009, post_number: 3, cooked: '<p>Thanks!</p>' };
    next[0]!.post_stream.posts.push(reply);
    await importTopics(t.db, dir, next, 'replied.jsonl');

    const body = await (await cora.get(path)).json();
    expect(body.thread.title).toBe('How to push a dataset to the Hub?');
    expect(body.posts.map((p: { text: string }) => p.text)).toEqual([
      'How do I push my dataset?',
      'Use push_to_hub().',
    ]);
    expect(body.revision).toEqual({
      coded: 1,
      current: 2,
      editedSinceCoded: true,
      codedText: 'How to push a dataset to the Hub?\n\nHow do I push my dataset?\n\nUse push_to_hub().',
      currentText: 'Pushing a dataset to the Hub\n\nHow do I push my dataset?\n\nUse push_to_hub().\n\nThanks!',
    });
  });
});

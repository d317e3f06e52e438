// Selecting threads into a study by keyword rule, filter or pick; the study keeps each rule with its counts.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loggedIn, type Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let ids: number[];
let studyId: number;
let owner: Agent;

beforeEach(async () => {
  t = makeTestApp();
  ids = insertForum(t.db, [
    {
      title: 'Loading a pretrained checkpoint',
      createdAt: '2022-01-10T00:00:00.000Z',
      category: 'Models',
      posts: ['It fails to load.', 'Works now.'],
    },
    {
      title: 'How to fine-tune on my data',
      createdAt: '2022-02-10T00:00:00.000Z',
      category: 'Beginners',
      posts: ['Which learning rate?'],
    },
    {
      title: 'Tokenizer question',
      createdAt: '2022-03-10T00:00:00.000Z',
      category: 'Beginners',
      posts: ['Call AutoTokenizer.from_pretrained("bert-base-uncased").', 'Thanks', 'Solved'],
    },
    {
      title: 'Space is sleeping',
      createdAt: '2022-04-10T00:00:00.000Z',
      category: 'Spaces',
      posts: ['My Space went to sleep.'],
    },
    {
      title: 'Fine tuning is slow',
      createdAt: '2022-05-10T00:00:00.000Z',
      category: 'Models',
      posts: ['Fine-tuning takes hours on CPU.'],
    },
  ]).threadIds;
  const olga = await addUser(t.db, 'olga');
  const cody = await addUser(t.db, 'cody');
  await addUser(t.db, 'nina');
  studyId = addStudy(t.db, olga.id, [[cody.id, 'coder']]);
  owner = await loggedIn(t.app, 'olga');
});
afterEach(() => t.close());

type Change = {
  matched: number;
  changed: number;
  withUnits: number;
  selection: { threads: number; posts: number; rules: Record<string, unknown>[] };
};
async function change(body: unknown, agent = owner): Promise<Change> {
  const res = await agent.post(`/api/studies/${studyId}/threads`, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Change;
}
const selectedIds = () =>
  t.db.prepare('SELECT thread_id FROM study_threads WHERE study_id = ? ORDER BY thread_id').pluck().all(studyId);

describe('keyword rule', () => {
  const keywords = { action: 'add', rule: { kind: 'keywords', terms: ['pretrained', 'fine-tune', 'from_pretrained'] } };

  test('adds the threads where any term occurs in the title or a post, and records the rule', async () => {
    const result = await change(keywords);
    // "fine-tune" is the phrase fine+tune, so stemming also finds "Fine tuning" and "Fine-tuning".
    expect(selectedIds()).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    expect([result.matched, result.changed, result.selection.threads, result.selection.posts]).toEqual([4, 4, 4, 7]);
    const stored = JSON.parse(
      t.db.prepare('SELECT selection_json FROM studies WHERE id = ?').pluck().get(studyId) as string,
    ) as { rules: unknown[] };
    expect(stored.rules).toEqual([
      {
        kind: 'keywords',
        terms: ['pretrained', 'fine-tune', 'from_pretrained'],
        filter: {},
        withQuotes: false,
        action: 'add',
        matched: 4,
        changed: 4,
        threads: 4,
        posts: 7,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        by: 'olga',
      },
    ]);
    const audit = t.db.prepare('SELECT action, entity FROM audit_log WHERE study_id = ?').all(studyId);
    expect(audit).toEqual([{ action: 'selection.add', entity: 'study_selection' }]);
  });

  test('matches own words only, unless withQuotes: then the words a post quotes count too', async () => {
    const spacePost = t.db.prepare('SELECT id FROM posts WHERE thread_id = ?').pluck().get(ids[3]) as number;
    t.db.prepare("UPDATE posts SET quoted_text = 'I loaded a pretrained model' WHERE id = ?").run(spacePost);
    const rule = { kind: 'keywords', terms: ['pretrained'] };
    expect((await change({ action: 'add', dryRun: true, rule })).matched).toBe(2);
    expect(selectedIds()).toEqual([]);
    await change({ action: 'add', rule: { ...rule, withQuotes: true } });
    expect(selectedIds()).toEqual([ids[0], ids[2], ids[3]]);
    // Once the quote is gone, so is its index entry.
    t.db.prepare("UPDATE posts SET quoted_text = '' WHERE id = ?").run(spacePost);
    expect((await change({ action: 'add', dryRun: true, rule: { ...rule, withQuotes: true } })).matched).toBe(2);
  });

  test('a second rule appends; GET shows counts and every rule', async () => {
    await change(keywords);
    await change({ action: 'remove', rule: { kind: 'keywords', terms: ['checkpoint'] } });
    expect(selectedIds()).toEqual([ids[1], ids[2], ids[4]]);
    const { selection } = (await (await owner.get(`/api/studies/${studyId}/threads`)).json()) as Change;
    expect([selection.threads, selection.posts]).toEqual([3, 5]);
    expect(selection.rules.map((r) => [r.action, r.kind, r.matched, r.changed, r.threads])).toEqual([
      ['add', 'keywords', 4, 4, 4],
      ['remove', 'keywords', 1, 1, 3],
    ]);
  });

  test('narrowed by a filter; a dry run only counts, and answers no selection (it changed nothing)', async () => {
    const dry = await change({ ...keywords, rule: { ...keywords.rule, filter: { category: 'Models' } }, dryRun: true });
    expect([dry.matched, dry.changed, dry.selection]).toEqual([2, 2, undefined]);
    expect(selectedIds()).toEqual([]);
  });

  test('terms without a letter or digit are refused', async () => {
    const res = await owner.post(`/api/studies/${studyId}/threads`, {
      action: 'add',
      rule: { kind: 'keywords', terms: ['"()"', '*'] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('threads.no_terms');
  });
});

describe('filter and pick rules', () => {
  test('add by filter, remove by pick; already-selected threads are not counted as changed', async () => {
    expect((await change({ action: 'add', rule: { kind: 'filter', filter: { category: 'Beginners' } } })).changed).toBe(
      2,
    );
    const again = await change({
      action: 'add',
      rule: { kind: 'filter', filter: { from: '2022-03-01', to: '2022-04-30' } },
    });
    expect([again.matched, again.changed]).toEqual([2, 1]);
    expect(selectedIds()).toEqual([ids[1], ids[2], ids[3]]);
    const removed = await change({ action: 'remove', rule: { kind: 'pick', threadIds: [ids[2], ids[4]] } });
    expect([removed.matched, removed.changed, removed.selection.threads]).toEqual([2, 1, 2]);
    expect(removed.selection.rules.at(-1)).toMatchObject({
      kind: 'pick',
      threadIds: [ids[2], ids[4]],
      action: 'remove',
    });
  });

  test('a source filter is recorded as `source`; a rule recorded as `sourceId` before reads back the same', async () => {
    const other = insertForum(
      t.db,
      [{ title: 'Elsewhere', createdAt: '2022-06-01T00:00:00.000Z', posts: ['Hi'] }],
      'SE',
    );
    const added = await change({ action: 'add', rule: { kind: 'filter', filter: { source: String(other.sourceId) } } });
    expect(selectedIds()).toEqual(other.threadIds);
    expect(added.selection.rules[0]?.filter).toEqual({ source: other.sourceId });
    const old = { kind: 'filter', filter: { sourceId: other.sourceId, category: 'Models' }, action: 'add' };
    t.db.prepare('UPDATE studies SET selection_json = ? WHERE id = ?').run(JSON.stringify({ rules: [old] }), studyId);
    const { selection } = (await (await owner.get(`/api/studies/${studyId}/threads`)).json()) as Change;
    expect(selection.rules).toEqual([{ ...old, filter: { source: other.sourceId, category: 'Models' } }]);
  });

  test('the browser shows which threads are selected and filters by it (owners only)', async () => {
    await change({ action: 'add', rule: { kind: 'pick', threadIds: [ids[0], ids[3]] } });
    const page = (await (await owner.get(`/api/threads?study=${studyId}&inStudy=yes`)).json()) as {
      threads: { id: number; selected: boolean }[];
    };
    expect(page.threads.map((r) => [r.id, r.selected])).toEqual([
      [ids[3], true],
      [ids[0], true],
    ]);
    const rest = (await (await owner.get(`/api/threads?study=${studyId}&inStudy=no`)).json()) as { total: number };
    expect(rest.total).toBe(3);
    const cody = await loggedIn(t.app, 'cody');
    expect((await cody.get(`/api/threads?study=${studyId}&inStudy=yes`)).status).toBe(404);
  });

  test('removing threads that already have units keeps the units and says how many', async () => {
    await change({ action: 'add', rule: { kind: 'pick', threadIds: [ids[0]] } });
    const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId);
    t.db
      .prepare(
        'INSERT INTO units (study_id, round_id, thread_id, post_id, position) SELECT ?, ?, thread_id, id, post_number FROM posts WHERE thread_id = ?',
      )
      .run(studyId, roundId, ids[0]);
    const removed = await change({ action: 'remove', rule: { kind: 'pick', threadIds: [ids[0]] } });
    expect([removed.changed, removed.withUnits]).toEqual([1, 1]);
    expect(t.db.prepare('SELECT count(*) FROM units WHERE study_id = ?').pluck().get(studyId)).toBe(2);
  });

  test('a pick naming a missing thread is refused with the field', async () => {
    const res = await owner.post(`/api/studies/${studyId}/threads`, {
      action: 'add',
      rule: { kind: 'pick', threadIds: [ids[0], 9999] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'selection.unknown_thread',
      where: { field: 'rule.threadIds[1]' },
    });
    expect(selectedIds()).toEqual([]);
  });
});

test('coders read the selection but may not change it (403); outsiders get 404', async () => {
  const cody = await loggedIn(t.app, 'cody');
  expect(
    (await cody.post(`/api/studies/${studyId}/threads`, { action: 'add', rule: { kind: 'pick', threadIds: [ids[0]] } }))
      .status,
  ).toBe(403);
  expect((await cody.get(`/api/studies/${studyId}/threads`)).status).toBe(200);
  const nina = await loggedIn(t.app, 'nina');
  expect((await nina.get(`/api/studies/${studyId}/threads`)).status).toBe(404);
});

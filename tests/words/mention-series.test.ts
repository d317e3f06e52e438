// Mention trends as the study counts them, through the API: keyword groups imported in bulk, then
// stored as a series set counting topics by creation month or posts by post month.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseKeywordList } from '../../apps/api/src/words/keyword-list.ts';
import { getSeriesSet } from '../../apps/api/src/db/series.ts';
import { type Agent, loggedIn } from '../support/agent.ts';
import { insertForum, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owen: Agent;
let base: string;
beforeEach(async () => {
  t = makeTestApp();
  const { studyId } = await addStudyCast(t.db);
  base = `/api/studies/${studyId}/mention-trends`;
  insertForum(t.db, [
    // January: a topic about GPT-2 (twice in it) whose reply in March mentions BERT too
    { title: 'GPT-2 help', createdAt: '2022-01-10T09:00:00.000Z', posts: ['My gpt2 model fails', 'Try GPT-2 or bert'] },
    { title: 'RoBERTa', createdAt: '2022-01-20T09:00:00.000Z', posts: ['roberta is not bert-base? yes it is BERT'] },
    { title: 'Quiet', createdAt: '2022-02-05T09:00:00.000Z', posts: ['nothing here'] },
    { title: 'Old news', createdAt: '2022-04-01T09:00:00.000Z', posts: ['gpt 2 again'] },
  ]);
  // the reply of the first topic was written in March
  t.db.prepare("UPDATE posts SET created_at = '2022-03-03T10:00:00.000Z' WHERE external_id = 'p1-2'").run();
  selectAllThreads(t.db, studyId);
  owen = await loggedIn(t.app, 'owen');
});
afterEach(() => t.close());

const values = (setId: number) =>
  Object.fromEntries(getSeriesSet(t.db, setId).series.map((s) => [s.key, s.points.map((p) => p.value)]));

describe('mention trends as the study counts them', () => {
  test('bulk groups from a text list; topics by creation month and posts by post month differ as they should', async () => {
    const imported = await owen.post(`${base}/keyword-groups/import`, {
      fileName: 'families.txt',
      text: '# model families\nGPT-2: gpt2, gpt-2\nBERT: bert\n',
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ created: 2, updated: 0 });

    const topics = await owen.post(`${base}/series`, { unit: 'topics' });
    expect(topics.status).toBe(201);
    const { set, matching } = await topics.json();
    expect(set).toMatchObject({
      name: 'Study (#1): topics by creation month mentioning each keyword group',
      unit: 'topics',
    });
    expect(set.report.counted).toBe('topics by creation month');
    const defaults = 'whole words, stemmed; any case; own words only';
    expect(matching).toEqual({ 'GPT-2': defaults, BERT: defaults });
    expect(set.report.matching).toEqual(matching);
    // months 2022-01 … 2022-04; GPT-2: topic 1 (Jan) and topic 4 ("gpt 2", Apr); BERT: topic 1 (its
    // reply, counted in the topic's month) and topic 2 ("bert-base", "BERT"; "roberta" alone would not count)
    expect(values(set.id)).toEqual({ 'GPT-2': [1, 0, 0, 1], BERT: [2, 0, 0, 0] });

    const posts = await (await owen.post(`${base}/series`, { unit: 'posts' })).json();
    // by post month: the reply (GPT-2 and bert) is in March
    expect(values(posts.set.id)).toEqual({ 'GPT-2': [1, 0, 1, 1], BERT: [1, 0, 1, 0] });
  });

  test('a CSV of (group, name, patterns) merges rows per group and updates existing groups', async () => {
    await owen.post(`${base}/keyword-groups/import`, { fileName: 'a.txt', text: 'BERT: bert' });
    const res = await owen.post(`${base}/keyword-groups/import`, {
      fileName: 'families.csv',
      text: 'group,name,patterns\nBERT,bert,\nBERT,roberta,RoBERTa|ro-berta\nGPT-2,gpt2,gpt-2;gpt 2\n',
    });
    const body = await res.json();
    expect(body).toMatchObject({ created: 1, updated: 1 });
    expect(body.groups.map((g: { name: string; terms: string[] }) => [g.name, g.terms])).toEqual([
      ['BERT', ['bert', 'roberta', 'ro-berta']],
      ['GPT-2', ['gpt2', 'gpt-2', 'gpt 2']],
    ]);
  });

  test('bad lists are refused with the line; no groups is a 409 for the series', async () => {
    const none = await owen.post(`${base}/series`, { unit: 'topics' });
    expect(none.status).toBe(409);
    const bad = await owen.post(`${base}/keyword-groups/import`, { fileName: 'x.txt', text: 'BERT: bert\njust words' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      code: 'analysis.bad_keyword_list',
      message: 'Write a group as "name: term, term", not "just words".',
      where: { file: 'x.txt', line: 2 },
    });
    expect(() => parseKeywordList('group,name\nBERT,\n', 'f.csv')).toThrow('"BERT" has no terms.');
    expect(() => parseKeywordList('X: ---', 'f.txt')).toThrow('"---" is not a term');
  });
});

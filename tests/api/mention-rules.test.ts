// Matching rules per keyword group, through the API: chosen when a group is saved or imported in
// bulk, applied to the mention trends and the stored mention series, and named in their JSON and CSV.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import { getSeriesSet } from '../../apps/api/src/db/series.ts';
import { codes } from '../support/analysis-study.ts';
import { type Agent, loggedIn } from '../support/agent.ts';
import { insertForum, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owen: Agent;
let analysis: string;
let trends: string;
beforeEach(async () => {
  t = makeTestApp();
  const { studyId } = await addStudyCast(t.db);
  analysis = `/api/studies/${studyId}/analysis`;
  trends = `/api/studies/${studyId}/mention-trends`;
  const forum = insertForum(t.db, [
    { title: 'Models', createdAt: '2022-01-10T09:00:00.000Z', posts: ['We use BERT-base', 'roberta is better'] },
    { title: 'Lower', createdAt: '2022-01-20T09:00:00.000Z', posts: ['bert-base-uncased fails', 'bertweet?'] },
    { title: 'Quoting', createdAt: '2022-02-05T09:00:00.000Z', posts: ['I agree with that', 'see the link'] },
  ]);
  const [quoting, linking] = forum.postIds[2]!;
  t.db.prepare("UPDATE posts SET quoted_text = 'BERT is enough' WHERE id = ?").run(quoting);
  t.db
    .prepare("UPDATE posts SET preview_text = 'google-bert/bert-base-uncased · Hugging Face' WHERE id = ?")
    .run(linking);
  selectAllThreads(t.db, studyId);
  const codebook = { name: 'Codes', description: '', templateId: null, version: 1, codes };
  pinCodebook(t.db, studyId, createCodebook(t.db, codebook, null, 'test'));
  owen = await loggedIn(t.app, 'owen');
});
afterEach(() => t.close());

const counts = async (query = '') => {
  const body = await (await owen.get(`${analysis}/mentions?granularity=month${query}`)).json();
  return Object.fromEntries(body.groups.map((g: { name: string; counts: number[] }) => [g.name, g.counts]));
};

describe('matching rules per keyword group', () => {
  test('each group counts by its own rules; the report and the CSV name them', async () => {
    const add = (name: string, rules: object) =>
      owen.post(`${analysis}/keyword-groups`, { name, terms: ['BERT'], rules });
    expect((await add('default', {})).status).toBe(201);
    expect((await add('cased word', { mode: 'word', caseSensitive: true })).status).toBe(201);
    expect((await add('prefix', { mode: 'prefix' })).status).toBe(201);
    expect((await add('substring', { mode: 'substring' })).status).toBe(201);
    expect((await add('with quotes', { mode: 'word', quotes: true })).status).toBe(201);
    expect((await add('with previews', { mode: 'word', previews: true })).status).toBe(201);
    // Jan: "BERT-base", "roberta", "bert-base-uncased", "bertweet"; Feb: a quote and a preview of BERT
    expect(await counts()).toEqual({
      default: [2, 0],
      'cased word': [1, 0],
      prefix: [3, 0],
      substring: [4, 0],
      'with quotes': [2, 1],
      'with previews': [2, 1],
    });
    // "count quoted words too" for the whole analysis adds the quotes to every group
    expect((await counts('&withQuotes=1')).default).toEqual([2, 1]);

    const body = await (await owen.get(`${analysis}/mentions?granularity=month`)).json();
    expect(body.groups.map((g: { matching: string }) => g.matching)).toEqual([
      'whole words, stemmed; any case; own words only',
      'whole words as written; case-sensitive; own words only',
      'word beginnings; any case; own words only',
      'anywhere in words; any case; own words only',
      'whole words as written; any case; own words and quoted text',
      'whole words as written; any case; own words and link previews',
    ]);
    expect(body.groups[1].rules).toEqual({ mode: 'word', caseSensitive: true, quotes: false, previews: false });
    const csv = (await (await owen.get(`${analysis}/mentions.csv?granularity=month`)).text()).split('\r\n');
    expect(csv).toContain(
      '2022-01,2022-01-01,2022-01-31,cased word,BERT,whole words as written; case-sensitive; own words only,1,4,0.25',
    );
  });

  test('a case-sensitive group keeps aliases that differ only in case; editing can change the rules', async () => {
    const created = await owen.post(`${analysis}/keyword-groups`, {
      name: 'BERT',
      terms: ['BERT', 'bert', 'Bert'],
      rules: { mode: 'word', caseSensitive: true },
    });
    const { group } = await created.json();
    expect(group.terms).toEqual(['BERT', 'bert', 'Bert']);
    expect((await counts()).BERT).toEqual([2, 0]);
    await owen.request('PUT', `${analysis}/keyword-groups/${group.id}`, {
      name: 'BERT',
      terms: ['bert'],
      rules: { mode: 'substring', previews: true },
    });
    expect((await counts()).BERT).toEqual([4, 1]);
  });

  test("an edit that leaves the rules out keeps a case-sensitive group's aliases that differ only in case", async () => {
    const created = await owen.post(`${analysis}/keyword-groups`, {
      name: 'BERT',
      terms: ['BERT'],
      rules: { mode: 'word', caseSensitive: true },
    });
    const { group } = await created.json();
    const edited = await owen.request('PUT', `${analysis}/keyword-groups/${group.id}`, {
      name: 'BERT',
      terms: ['BERT', 'bert'],
    });
    expect((await edited.json()).group).toMatchObject({
      terms: ['BERT', 'bert'],
      rules: { mode: 'word', caseSensitive: true },
    });
    // "We use BERT-base" and "bert-base-uncased fails"
    expect((await counts()).BERT).toEqual([2, 0]);
  });

  test('stemmed matching with case is refused, naming the field', async () => {
    const res = await owen.post(`${analysis}/keyword-groups`, {
      name: 'BERT',
      terms: ['BERT'],
      rules: { mode: 'stemmed', caseSensitive: true },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where.field).toBe('rules.caseSensitive');
    const mode = await owen.post(`${analysis}/keyword-groups`, { name: 'X', terms: ['x'], rules: { mode: 'regex' } });
    expect((await mode.json()).error.where.field).toBe('rules.mode');
  });
});

describe('rules in bulk lists and stored series', () => {
  test('a text list with bracketed rules and a CSV with rule columns', async () => {
    const text = await owen.post(`${trends}/keyword-groups/import`, {
      fileName: 'families.txt',
      text: 'BERT [word, case-sensitive, quotes]: BERT, bert-large\nRoBERTa [substring]: roberta\nGPT-2: gpt2\n',
    });
    expect(text.status).toBe(200);
    const byName = (groups: { name: string; rules: object }[]) =>
      Object.fromEntries(groups.map((g) => [g.name, g.rules]));
    expect(byName((await text.json()).groups)).toEqual({
      BERT: { mode: 'word', caseSensitive: true, quotes: true, previews: false },
      RoBERTa: { mode: 'substring', caseSensitive: false, quotes: false, previews: false },
      'GPT-2': { mode: 'stemmed', caseSensitive: false, quotes: false, previews: false },
    });
    const csv = await owen.post(`${trends}/keyword-groups/import`, {
      fileName: 'families.csv',
      text: 'group,name,patterns,match,case,quotes,previews\nBERT,bert,,prefix,any,no,yes\nBERT,bertweet,,,,,\n',
    });
    expect(byName((await csv.json()).groups).BERT).toEqual({
      mode: 'prefix',
      caseSensitive: false,
      quotes: false,
      previews: true,
    });
  });

  test.each([
    ['X [regex]: x', 1, 'rules', '"regex" is not a rule'],
    ['X [stemmed, case-sensitive]: x', 1, 'rules', 'Stemmed matching ignores case'],
    [
      'group,name,match\nX,x,word\nX,y,prefix',
      3,
      'match',
      '"X" has match "word" on an earlier line and "prefix" here.',
    ],
    ['X [word]: x\nX [prefix]: y', 2, 'rules', '"X" has rules "word" on an earlier line and "prefix" here.'],
    ['group,name,quotes\nX,x,maybe', 2, 'quotes', '"maybe" is not a quotes rule: write yes or no.'],
  ])('%j is refused at line %i', async (list, line, field, message) => {
    const res = await owen.post(`${trends}/keyword-groups/import`, { fileName: 'l', text: list });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.where).toMatchObject({ line, field });
    expect(error.message).toContain(message);
  });

  test('the stored series counts each group by its rules, and its report names them', async () => {
    await owen.post(`${trends}/keyword-groups/import`, {
      fileName: 'l.txt',
      text: 'Cased [word, case-sensitive]: BERT\nAnywhere [substring, quotes, previews]: bert\n',
    });
    const res = await owen.post(`${trends}/series`, { unit: 'topics' });
    const { set, matching } = await res.json();
    expect(matching).toEqual({
      Cased: 'whole words as written; case-sensitive; own words only',
      Anywhere: 'anywhere in words; any case; own words and quoted text and link previews',
    });
    const values = Object.fromEntries(
      getSeriesSet(t.db, set.id).series.map((s) => [s.key, s.points.map((p) => p.value)]),
    );
    // topics by creation month: Jan has "Models" (BERT-base, roberta) and "Lower" (bert-base…); Feb the quote and preview
    expect(values).toEqual({ Cased: [1, 0], Anywhere: [2, 1] });
    // the set keeps the groups' order, not the names' (getSeriesSet reads in key order, then sorts by id)
    expect(getSeriesSet(t.db, set.id).series.map((s) => s.key)).toEqual(['Cased', 'Anywhere']);
    const csv = (await (await owen.get(`/api/series/${set.id}/csv`)).text()).split('\r\n');
    expect(csv[0]).toBe('date,series,value,unit,source,matching');
    expect(csv[1]).toBe(
      '2022-01-01,Cased,1,topics,forum sources of study #1,whole words as written; case-sensitive; own words only',
    );
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distinctiveTerms, prepareCorpus } from '../../apps/api/src/words/tfidf.ts';
import { analysisStudy, threads, type AnalysisStudy } from '../support/analysis-study.ts';

let s: AnalysisStudy;
beforeAll(async () => {
  s = await analysisStudy();
});
afterAll(() => s.t.close());

const base = () => `/api/studies/${s.studyId}/analysis`;
const groups = [
  { name: 'BERT', terms: ['bert'] },
  { name: 'GPT-2', terms: ['gpt2', 'gpt-2'] },
  { name: 'Fine-tuning', terms: ['fine-tune'] },
  { name: 'Memory', terms: ['memory', 'OOM'] },
];

describe('keyword groups', () => {
  test('the owner defines groups; names are unique; every term needs a word; coders may not edit', async () => {
    for (const g of groups) expect((await s.agents.owen.post(`${base()}/keyword-groups`, g)).status).toBe(201);
    const dup = await s.agents.owen.post(`${base()}/keyword-groups`, { name: 'bert', terms: ['x'] });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error).toMatchObject({ code: 'analysis.duplicate_group', where: { field: 'name' } });
    const bad = await s.agents.owen.post(`${base()}/keyword-groups`, { name: 'Punctuation', terms: ['t5', '--'] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.where.field).toBe('terms[1]');
    expect((await s.agents.cora.post(`${base()}/keyword-groups`, { name: 'T5', terms: ['t5'] })).status).toBe(403);
    const options = await (await s.agents.cora.get(`${base()}/options`)).json();
    expect(options.keywordGroups.map((g: { name: string; terms: string[] }) => [g.name, g.terms])).toEqual(
      groups.map((g) => [g.name, g.terms]),
    );
  });

  test('edit and delete are audited', async () => {
    const created = await (
      await s.agents.owen.post(`${base()}/keyword-groups`, { name: 'T5', terms: ['t5', 'T5'] })
    ).json();
    expect(created.group.terms).toEqual(['T5']);
    const id = created.group.id;
    const edited = await s.agents.owen.request('PUT', `${base()}/keyword-groups/${id}`, {
      name: 'T5 family',
      terms: ['t5', 'flan-t5'],
    });
    // rules not sent: the group keeps its own (here the defaults)
    expect((await edited.json()).group).toEqual({
      id,
      name: 'T5 family',
      terms: ['t5', 'flan-t5'],
      rules: { mode: 'stemmed', caseSensitive: false, quotes: false, previews: false },
    });
    expect((await s.agents.owen.request('DELETE', `${base()}/keyword-groups/${id}`)).status).toBe(200);
    expect((await s.agents.owen.request('DELETE', `${base()}/keyword-groups/${id}`)).status).toBe(404);
    const actions = s.t.db
      .prepare("SELECT action FROM audit_log WHERE entity = 'keyword_group' AND entity_id = ? ORDER BY id")
      .pluck()
      .all(String(id));
    expect(actions).toEqual(['keyword_group.create', 'keyword_group.update', 'keyword_group.delete']);
  });
});

describe('mention trends', () => {
  test('posts of the whole forum mentioning each group, per quarter, with shares of all posts', async () => {
    const body = await (await s.agents.owen.get(`${base()}/mentions?granularity=quarter`)).json();
    expect(body.sources.map((x: { name: string }) => x.name)).toEqual(['Test forum']);
    expect(body.periods.map((p: { key: string }) => p.key)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3']);
    expect(body.posts).toEqual([6, 4, 2]);
    const byName = Object.fromEntries(body.groups.map((g: { name: string; counts: number[] }) => [g.name, g.counts]));
    // "RoBERTa" is not BERT; "GPT 2", "gpt2" and "GPT-2" are GPT-2; "fine-tuning", "fine-tuned", "finetuned" are fine-tuning.
    expect(byName).toEqual({ BERT: [1, 0, 0], 'GPT-2': [1, 2, 0], 'Fine-tuning': [1, 1, 1], Memory: [1, 1, 2] });
    const memory = body.groups.find((g: { name: string }) => g.name === 'Memory');
    expect(memory.shares).toEqual([1 / 6, 1 / 4, 1]);
  });

  test("Spearman's rho between a mention share and a code's share", async () => {
    const body = await (await s.agents.owen.get(`${base()}/mentions?granularity=quarter`)).json();
    const memoryGroup = body.groups.find((g: { name: string }) => g.name === 'Memory').id;
    const rho = body.correlations.find(
      (c: { groupId: number; codeId: string }) => c.groupId === memoryGroup && c.codeId === 'memory',
    );
    // Mentions 1/6, 1/4, 1 against the code's shares 1/3, 1/2, 1/2: ranks (1, 2, 3) and (1, 2.5, 2.5).
    expect(rho.result.value.n).toBe(3);
    expect(rho.result.value.rho).toBeCloseTo(Math.sqrt(3) / 2, 12);
    const bert = body.groups.find((g: { name: string }) => g.name === 'BERT').id;
    // BERT 1/6, 0, 0 against training 2/3, 0, 0: the same ranks.
    expect(
      body.correlations.find((c: { groupId: number; codeId: string }) => c.groupId === bert && c.codeId === 'training')
        .result.value.rho,
    ).toBe(1);
  });

  test('stems are cached per post and refreshed when a post is re-imported with new text', async () => {
    expect(s.t.db.prepare('SELECT count(*) FROM post_stems').pluck().get()).toBe(12);
    const post = s.forum.postIds[1]![1]!;
    s.t.db.prepare("UPDATE posts SET text = 'BERT again', content_hash = 'changed' WHERE id = ?").run(post);
    const body = await (await s.agents.owen.get(`${base()}/mentions?granularity=year`)).json();
    expect(body.groups.find((g: { name: string }) => g.name === 'BERT').counts).toEqual([2]);
    expect(s.t.db.prepare('SELECT stems FROM post_stems WHERE post_id = ?').pluck().get(post)).toBe(' bert again ');
  });

  test('words a post quotes count only when asked for (withQuotes=1)', async () => {
    const post = s.forum.postIds[2]![0]!;
    s.t.db
      .prepare("UPDATE posts SET quoted_text = 'I fine-tuned BERT', content_hash = 'quoting' WHERE id = ?")
      .run(post);
    const bert = async (query: string) =>
      (await (await s.agents.owen.get(`${base()}/mentions?granularity=year${query}`)).json()).groups.find(
        (g: { name: string }) => g.name === 'BERT',
      ).counts;
    expect(await bert('')).toEqual([2]);
    expect(await bert('&withQuotes=1')).toEqual([3]);
    expect(s.t.db.prepare('SELECT quoted_stems FROM post_stems WHERE post_id = ?').pluck().get(post)).toBe(
      ' i fine tune bert ',
    );
  });
});

describe('distinctive terms', () => {
  test('TF-IDF of the texts of units with the code against the rest, as the pure function computes it', async () => {
    const body = await (await s.agents.owen.get(`${base()}/terms?code=memory`)).json();
    // Settled units in unit order: U1..U6, U8 (U7 is not coded).
    const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
    const expected = distinctiveTerms(prepareCorpus(texts), [0, 3, 6]);
    expect(body.documents).toBe(7);
    expect(body.codes).toHaveLength(1);
    expect(body.codes[0]).toMatchObject({ codeId: 'memory', units: 3 });
    expect(body.codes[0].terms).toEqual(expected);
    expect(body.codes[0].terms.map((t: { term: string }) => t.term)).toContain('memory');
  });

  test('with withQuotes=1 a unit’s text includes the words its post quotes', async () => {
    const post = s.forum.postIds[0]![0]!;
    s.t.db.prepare("UPDATE posts SET quoted_text = 'zyzzyva zyzzyva zyzzyva' WHERE id = ?").run(post);
    const terms = async (query: string) =>
      (await (await s.agents.owen.get(`${base()}/terms?code=memory${query}`)).json()).codes[0].terms.map(
        (t: { term: string }) => t.term,
      );
    expect(await terms('')).not.toContain('zyzzyva');
    expect(await terms('&withQuotes=1')).toContain('zyzzyva');
    s.t.db.prepare("UPDATE posts SET quoted_text = '' WHERE id = ?").run(post);
  });

  test('every code at once, rolled up (the category has its codes’ units)', async () => {
    const body = await (await s.agents.owen.get(`${base()}/terms`)).json();
    expect(body.codes.map((c: { codeId: string; units: number }) => [c.codeId, c.units])).toEqual([
      ['challenge', 6],
      ['technical', 4],
      ['memory', 3],
      ['training', 2],
      ['docs', 2],
      ['benefit', 2],
      ['thanks', 2],
    ]);
  });
});

describe('CSV downloads', () => {
  test('tidy trend CSV: one row per period and code', async () => {
    const res = await s.agents.owen.get(`${base()}/trend.csv?granularity=quarter`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="study-${s.studyId}-trend-quarter.csv"`);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('period,period_start,period_end,code_id,code,units,units_direct,coded_units,share');
    expect(lines).toHaveLength(1 + 3 * 7);
    expect(lines).toContain(
      '2022-Q1,2022-01-01,2022-03-31,memory,Challenge > Technical > Memory,1,1,3,0.3333333333333333',
    );
    expect(lines).toContain('2022-Q3,2022-07-01,2022-09-30,training,Challenge > Technical > Training,0,0,2,0');
  });

  test('counts, tests, co-occurrence, terms and mention CSVs', async () => {
    const text = async (path: string) =>
      (await (await s.agents.owen.get(`${base()}/${path}`)).text()).trimEnd().split('\r\n');
    const counts = await text('counts.csv');
    expect(counts[0]).toBe(
      'scope,coder,code_id,code,depth,units,share,threads,reported_units,reported_share,dimension_share,share_difference,std_residual',
    );
    expect(counts).toContain('final labels,,technical,Challenge > Technical,1,4,0.5714285714285714,4,,,,,');
    const tests = await text('tests.csv');
    expect(tests[0]).toBe('test,code_id,code,statistic,df,n,p,p_holm,effect,note');
    expect(tests[1]).toMatch(/^chi-square,,,4(\.0+\d*)?,6,9,0\.67\d+,,0\.4714\d+,12 of 12 expected counts are below 5/);
    expect(await text('cooccurrence.csv')).toContain('docs,Docs,thanks,Thanks,2,2,2,1');
    expect((await text('terms.csv?code=memory'))[1]).toMatch(/^memory,Memory,1,/);
    const mentions = await text('mentions.csv?granularity=year');
    expect(mentions[0]).toBe('period,period_start,period_end,group,terms,matching,posts_mentioning,posts,share');
    expect(mentions).toContain(
      '2022,2022-01-01,2022-12-31,GPT-2,gpt2; gpt-2,"whole words, stemmed; any case; own words only",3,12,0.25',
    );
    expect((await text('mention-correlations.csv'))[0]).toBe('group,code_id,code,n,rho,p,note');
  });
});

describe('a study of thread units', () => {
  test("periods come from the thread's date and a thread's text is its title and posts", async () => {
    const db = s.t.db;
    const studyId = Number(
      db
        .prepare(
          "INSERT INTO studies (name, unit_kind, codebook_id, codebook_version_id, created_at) SELECT 'Threads', 'thread', codebook_id, codebook_version_id, created_at FROM studies WHERE id = ?",
        )
        .run(s.studyId).lastInsertRowid,
    );
    db.prepare("INSERT INTO study_members (study_id, user_id, role) VALUES (?, ?, 'owner')").run(studyId, s.ids.owen);
    const roundId = Number(
      db
        .prepare(
          "INSERT INTO rounds (study_id, name, position, status, created_at) VALUES (?, 'R', 1, 'closed', '2022')",
        )
        .run(studyId).lastInsertRowid,
    );
    const unit = (thread: number) =>
      Number(
        db
          .prepare('INSERT INTO units (study_id, round_id, thread_id, position) VALUES (?, ?, ?, ?)')
          .run(studyId, roundId, s.forum.threadIds[thread], thread).lastInsertRowid,
      );
    const label = db.prepare("INSERT INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'agreement')");
    label.run(unit(0), 'memory');
    label.run(unit(3), 'memory');
    label.run(unit(4), 'docs');
    const trend = await (await s.agents.owen.get(`/api/studies/${studyId}/analysis/trend?granularity=quarter`)).json();
    expect(trend.codedUnits).toEqual([1, 2]);
    expect(trend.nodes.find((n: { id: string }) => n.id === 'memory').counts).toEqual([1, 1]);
    const terms = await (await s.agents.owen.get(`/api/studies/${studyId}/analysis/terms?code=docs`)).json();
    // "docs" and "great" are each in the thread's title and both of its posts (a tie, listed alphabetically).
    expect(terms.codes[0].terms.slice(0, 2)).toMatchObject([
      { term: 'docs', count: 3 },
      { term: 'great', count: 3 },
    ]);
  });
});

// Kept mention counts (db/mention-matches.ts, migration 026) against a direct recomputation from
// the posts' stored words: for every matching rule (stemmed, whole word, prefix, substring; case;
// quoted text; link previews), with and without the request's "count quoted words too", through
// the per-month summaries and through the kept matches (a date filter); after a group's rules
// change; and after posts change in place (words, quoted words, previews, date, thread).
// The recomputation is written from the rules' words (match-rules.ts), not from the needles.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createKeywordGroup, updateKeywordGroup } from '../../apps/api/src/db/analysis-keyword-groups.ts';
import { mentionsReport } from '../../apps/api/src/db/analysis-mentions.ts';
import { MATCH_MODES, type MatchRules } from '../../apps/api/src/words/match-rules.ts';
import { storeMentionSeries } from '../../apps/api/src/words/mention-series.ts';
import { stem, tokenize, tokenizeCased } from '../../apps/api/src/words/text.ts';
import { insertForum, insertTemplateCodebook, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

interface PostRow {
  id: number;
  month: string;
  threadId: number;
  text: string;
  quoted_text: string;
  preview_text: string;
}

/**
 * Whether `want` stands in `tokens` as consecutive tokens: whole tokens, except that the first
 * may end a token (`openStart`) and the last may begin one (`openEnd`).
 */
function runIn(tokens: string[], want: string[], openStart: boolean, openEnd: boolean): boolean {
  const fits = (t: string, w: string, j: number) => {
    const fromStart = openStart && j === 0;
    const toEnd = openEnd && j === want.length - 1;
    if (fromStart && toEnd) return t.includes(w);
    if (fromStart) return t.endsWith(w);
    if (toEnd) return t.startsWith(w);
    return t === w;
  };
  for (let i = 0; i + want.length <= tokens.length; i++)
    if (want.every((w, j) => fits(tokens[i + j]!, w, j))) return true;
  return false;
}

/** A term found in one text under the rules' mode and case. */
function termIn(text: string, term: string, rules: MatchRules): boolean {
  if (rules.mode === 'stemmed') {
    const words = tokenize(term);
    const stems = tokenize(text).map(stem);
    // "fine-tune" also finds the joined "finetuning"
    if (words.length === 0) return false;
    return runIn(stems, words.map(stem), false, false) || (words.length > 1 && stems.includes(stem(words.join(''))));
  }
  const split = rules.caseSensitive ? tokenizeCased : tokenize;
  const want = split(term);
  if (want.length === 0) return false;
  return runIn(split(text), want, rules.mode === 'substring', rules.mode !== 'word');
}

function directCounts(posts: PostRow[], terms: string[], rules: MatchRules, withQuotes: boolean) {
  const counts: Record<string, number> = {};
  for (const p of posts) {
    const zones = [p.text];
    if (rules.quotes || withQuotes) zones.push(p.quoted_text);
    if (rules.previews) zones.push(p.preview_text);
    if (zones.some((z) => terms.some((term) => termIn(z, term, rules)))) counts[p.month] = (counts[p.month] ?? 0) + 1;
  }
  return counts;
}

const TERM_SETS: Record<string, string[]> = {
  bert: ['BERT'],
  gpt2: ['GPT-2'],
  finetune: ['fine-tune'],
  llama: ['Llama 2', 'LLaMA'],
};
const RULES: MatchRules[] = MATCH_MODES.flatMap((mode) =>
  (mode === 'stemmed' ? [false] : [false, true]).flatMap((caseSensitive) =>
    [false, true].flatMap((quotes) => [false, true].map((previews) => ({ mode, caseSensitive, quotes, previews }))),
  ),
);
const nameOf = (set: string, r: MatchRules) =>
  `${set} ${r.mode}${r.caseSensitive ? ' cased' : ''}${r.quotes ? ' quotes' : ''}${r.previews ? ' previews' : ''}`;

let t: TestApp;
let studyId: number;
let ownerId: number;
let postIds: number[][];
let threadIds: number[];
beforeEach(async () => {
  t = makeTestApp();
  const forum = insertForum(t.db, [
    {
      title: 'January',
      createdAt: '2023-01-10T10:00:00.000Z',
      posts: ['Fine-tuning BERT-base on GPT-2 outputs', 'RoBERTa beats bert here', 'nothing to see'],
    },
    {
      title: 'February',
      createdAt: '2023-02-10T10:00:00.000Z',
      posts: ['I tried bertweet and DistilBERT', 'BERTs are many; gpt2 is small', 'Thanks!'],
    },
    {
      title: 'March',
      createdAt: '2023-03-10T10:00:00.000Z',
      posts: ['Llama 2 vs llama2 vs LLaMA-7B', 'finetune it first', 'a llama in the zoo'],
    },
  ]);
  postIds = forum.postIds;
  threadIds = forum.threadIds;
  // Quoted words and link previews as the importer keeps them apart from a post's own words.
  const zones = t.db.prepare('UPDATE posts SET quoted_text = ?, preview_text = ? WHERE id = ?');
  zones.run('GPT-2 is great for this', '', postIds[0]![2]);
  zones.run('is bert-base-uncased any good', 'google-bert/bert-base-uncased · Hugging Face', postIds[1]![2]);
  zones.run('', 'RoBERTa: a robustly optimized BERT pretraining approach', postIds[2]![2]);
  zones.run('how to fine-tune Llama 2?', 'meta-llama/Llama-2-7b · Hugging Face', postIds[2]![1]);
  const cast = await addStudyCast(t.db);
  studyId = cast.studyId;
  ownerId = cast.ids.owen!;
  selectAllThreads(t.db, studyId);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  for (const [set, terms] of Object.entries(TERM_SETS))
    for (const rules of RULES) createKeywordGroup(t.db, studyId, ownerId, { name: nameOf(set, rules), terms, rules });
});
afterEach(() => t.close());

const posts = () =>
  t.db
    .prepare(
      `SELECT id, substr(created_at, 1, 7) AS month, thread_id AS threadId, text, quoted_text, preview_text FROM posts`,
    )
    .all() as PostRow[];

/** Each group's counts by month, kept (summaries without filters, matches with a date range). */
function keptCounts(withQuotes: boolean, from?: string) {
  const q = { granularity: 'month' as const, withQuotes, ...(from ? { from, to: '2030-12-31' } : {}) };
  const report = mentionsReport(t.db, studyId, q);
  return Object.fromEntries(
    report.groups.map((g) => [
      g.name,
      Object.fromEntries(report.periods.flatMap((p, i) => (g.counts[i] ? [[p.key, g.counts[i]!]] : []))),
    ]),
  );
}

function expectKeptEqualDirect() {
  const all = posts();
  for (const withQuotes of [false, true]) {
    const direct = Object.fromEntries(
      Object.entries(TERM_SETS).flatMap(([set, terms]) =>
        RULES.map((rules) => [nameOf(set, rules), directCounts(all, terms, rules, withQuotes)]),
      ),
    );
    expect(keptCounts(withQuotes), `summaries, withQuotes ${withQuotes}`).toEqual(direct);
    expect(keptCounts(withQuotes, '2000-01-01'), `kept matches, withQuotes ${withQuotes}`).toEqual(direct);
  }
}

const monthKeys = (counts: Record<string, number>) => Object.keys(counts).sort();

describe('kept mention counts equal a direct recomputation', () => {
  test('every rule, with and without quoted words counted too', () => {
    expectKeptEqualDirect();
    // The forum is small enough to check the recomputation itself on a few cells.
    const all = posts();
    const bert = (r: Partial<MatchRules>, quotes = false) =>
      directCounts(all, ['BERT'], { mode: 'word', caseSensitive: false, quotes: false, previews: false, ...r }, quotes);
    expect(bert({ mode: 'word' })).toEqual({ '2023-01': 2 });
    expect(bert({ mode: 'prefix' })).toEqual({ '2023-01': 2, '2023-02': 2 });
    expect(bert({ mode: 'substring' })).toEqual({ '2023-01': 2, '2023-02': 2 });
    expect(bert({ mode: 'substring', caseSensitive: true })).toEqual({ '2023-01': 2, '2023-02': 2 });
    expect(bert({ mode: 'word' }, true)).toEqual({ '2023-01': 2, '2023-02': 1 });
    expect(bert({ mode: 'word', previews: true })).toEqual({ '2023-01': 2, '2023-02': 1, '2023-03': 1 });
    expect(monthKeys(bert({ mode: 'stemmed' }))).toEqual(['2023-01', '2023-02']);
  });

  test("a group's changed rules and terms are matched afresh", () => {
    const groups = t.db.prepare('SELECT id, name FROM keyword_groups ORDER BY id').all() as {
      id: number;
      name: string;
    }[];
    expectKeptEqualDirect();
    // Each group takes the next group's rules and terms, so every group's definition changes.
    const next = (i: number) => {
      const j = (i + 1) % RULES.length;
      return { rules: RULES[j]!, terms: Object.values(TERM_SETS)[(i + 1) % 4]! };
    };
    for (const [i, g] of groups.entries())
      updateKeywordGroup(t.db, studyId, g.id, ownerId, { name: g.name, ...next(i) });
    const all = posts();
    const edited = mentionsReport(t.db, studyId, { granularity: 'month' });
    for (const [i, g] of groups.entries()) {
      const { rules, terms } = next(i);
      const report = edited.groups.find((x) => x.id === g.id)!;
      const byMonth = Object.fromEntries(
        edited.periods.flatMap((p, k) => (report.counts[k] ? [[p.key, report.counts[k]!]] : [])),
      );
      expect(byMonth, g.name).toEqual(directCounts(all, terms, rules, false));
    }
  });

  test('posts changed in place (own words, quoted words, previews, date, thread) are matched again', () => {
    expectKeptEqualDirect();
    const [jan, feb, mar] = postIds as [number[], number[], number[]];
    t.db.prepare('UPDATE posts SET text = ? WHERE id = ?').run('no models at all', jan[0]);
    t.db.prepare('UPDATE posts SET quoted_text = ? WHERE id = ?').run('LLaMA and GPT-2 and BERT', feb[0]);
    t.db.prepare('UPDATE posts SET preview_text = ? WHERE id = ?').run('', feb[2]);
    t.db.prepare('UPDATE posts SET created_at = ? WHERE id = ?').run('2023-04-02T00:00:00.000Z', mar[0]);
    t.db.prepare('UPDATE posts SET thread_id = ?, post_number = 9 WHERE id = ?').run(threadIds[0], mar[1]);
    expectKeptEqualDirect();
  });

  test('the stored mention series count posts by month and topics by creation month as recomputed', () => {
    const all = posts();
    storeMentionSeries(t.db, studyId, 'posts', null);
    storeMentionSeries(t.db, studyId, 'topics', null);
    const points = (unit: string, key: string) =>
      Object.fromEntries(
        (
          t.db
            .prepare(
              `SELECT substr(p.date, 1, 7), p.value FROM series_points p JOIN series s ON s.id = p.series_id
               JOIN series_sets ss ON ss.id = s.set_id WHERE ss.name LIKE ? AND s.key = ? AND p.value > 0`,
            )
            .raw()
            .all(`%${unit}%`, key) as [string, number][]
        ).map(([m, v]) => [m, v]),
      );
    // Every thread's posts share its creation month here, so a topic's month is any of its posts'.
    for (const [set, terms] of Object.entries(TERM_SETS))
      for (const rules of RULES) {
        const mentioning = all.filter((p) => directCounts([p], terms, rules, false)[p.month]);
        const topics: Record<string, number> = {};
        for (const [, month] of new Map(mentioning.map((p) => [p.threadId, p.month])))
          topics[month] = (topics[month] ?? 0) + 1;
        expect(points('posts by post month', nameOf(set, rules)), nameOf(set, rules)).toEqual(
          directCounts(all, terms, rules, false),
        );
        expect(points('topics by creation month', nameOf(set, rules)), nameOf(set, rules)).toEqual(topics);
      }
  });
});

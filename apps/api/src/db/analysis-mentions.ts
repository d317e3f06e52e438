// Mention trends: per period, the posts of the whole imported forum (every post of the
// sources the study's threads come from, not only its units) that mention each keyword
// group, as counts and as shares of the period's posts; and Spearman's rho between each
// group's share and each code's share over the periods where both are observed. Category,
// tag and date filters apply to the posts too; the round filter applies only to codes.
import { groupNeedles, LINE_COLUMNS, mentionJoinSql, postLines } from '../analysis/mention-matcher.ts';
import { describeRules } from '../analysis/match-rules.ts';
import { axisFor, fillSeries } from '../analysis/periods.ts';
import { seriesCorrelation } from '../analysis/shift-tests.ts';
import type { Outcome } from '@threadcoder/stats';
import { filterParams, monthSql, postsWhere } from './analysis-filters.ts';
import { type KeywordGroup, listKeywordGroups } from './analysis-keyword-groups.ts';
import { trendData, type TrendQuery } from './analysis-trend.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

const sourcesOf = statement<[number, number], { id: number; name: string }>(
  `SELECT id, name FROM sources WHERE id IN (
     SELECT t.source_id FROM study_threads st JOIN threads t ON t.id = st.thread_id WHERE st.study_id = ?
     UNION SELECT t.source_id FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.study_id = ?) ORDER BY name`,
);
const staleStems = statement<[string, number], [number, string, string, string, string]>(
  `SELECT p.id, p.text, p.quoted_text, p.preview_text, p.content_hash FROM posts p LEFT JOIN post_stems s ON s.post_id = p.id
   WHERE p.source_id IN (SELECT value FROM json_each(?)) AND (s.post_id IS NULL OR s.content_hash <> p.content_hash)
     AND p.id > ? ORDER BY p.id LIMIT 2000`,
  (s) => s.raw(),
);
const saveStems = statement(
  `INSERT OR REPLACE INTO post_stems (post_id, content_hash, ${LINE_COLUMNS.join(', ')})
   VALUES (?, ?, ${LINE_COLUMNS.map(() => '?').join(', ')})`,
);
const postTotals = statement<[Record<string, unknown>], [number, number]>(
  `SELECT ${monthSql('p.created_at')}, count(*) FROM posts p WHERE ${postsWhere} GROUP BY 1`,
  (s) => s.raw(),
);
const mentionCounts = statement<[Record<string, unknown>], [number, string, number]>(
  `WITH phrase(grp, col, text) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@phrases))
   SELECT ${monthSql('p.created_at')}, ph.grp, count(DISTINCT p.id)
   FROM posts p JOIN post_stems s ON s.post_id = p.id JOIN phrase ph ON ${mentionJoinSql('s', 'ph')}
   WHERE ${postsWhere} GROUP BY 1, 2`,
  (s) => s.raw(),
);

/** Tokenizes and stems (every zone of) the posts of these sources that are new or changed since last time; returns how many. */
export function refreshStems(db: Db, sourceIds: readonly number[]): number {
  const sources = JSON.stringify(sourceIds);
  let done = 0;
  for (let after = 0; ; ) {
    const batch = staleStems(db).all(sources, after);
    if (batch.length === 0) return done;
    db.transaction(() => {
      for (const [id, text, quoted, preview, hash] of batch) {
        const lines = postLines(text, quoted, preview);
        saveStems(db).run(id, hash, ...LINE_COLUMNS.map((c) => lines[c]));
      }
    })();
    done += batch.length;
    after = batch[batch.length - 1]![0];
  }
}

export interface MentionsReport {
  granularity: TrendQuery['granularity'];
  periods: { key: string; label: string; start: string; end: string }[];
  sources: { id: number; name: string }[];
  /** Posts per period: the denominator of shares. */
  posts: number[];
  groups: {
    id: number;
    name: string;
    terms: string[];
    rules: KeywordGroup['rules'];
    /** The rules in words, with the request's "count quoted words too" applied. */
    matching: string;
    counts: number[];
    shares: number[];
    total: number;
  }[];
  correlations: { groupId: number; codeId: string; result: Outcome<{ n: number; rho: number; p: number }> }[];
}

export function mentionsReport(db: Db, studyId: number, q: TrendQuery): MentionsReport {
  const sources = sourcesOf(db).all(studyId, studyId);
  const sourceIds = sources.map((s) => s.id);
  const groups = listKeywordGroups(db, studyId);
  // The first request with groups tokenizes the forum once; later ones only new or changed posts.
  if (groups.length) refreshStems(db, sourceIds);
  const params = { ...filterParams(studyId, q), sources: JSON.stringify(sourceIds) };
  const totals = postTotals(db).all(params);
  const months = totals.map(([m]) => m);
  const axis = axisFor(
    q.granularity,
    { min: months.length ? Math.min(...months) : null, max: months.length ? Math.max(...months) : null },
    q,
  );
  const posts = fillSeries(
    totals.map(([month, value]) => ({ month, series: '', value })),
    axis,
    [''],
  ).get('')!;
  const phrases = groups.flatMap((g) =>
    groupNeedles(g.terms, g.rules, q.withQuotes).map((n) => [String(g.id), n.column, n.text]),
  );
  const matched = phrases.length ? mentionCounts(db).all({ ...params, phrases: JSON.stringify(phrases) }) : [];
  const counts = fillSeries(
    matched.map(([month, series, value]) => ({ month, series, value })),
    axis,
    groups.map((g) => String(g.id)),
  );
  const series = groups.map((g) => {
    const c = counts.get(String(g.id))!;
    return {
      ...g,
      matching: describeRules({ ...g.rules, quotes: g.rules.quotes || Boolean(q.withQuotes) }),
      counts: c,
      shares: c.map((n, i) => (posts[i] ? n / posts[i]! : 0)),
      total: c.reduce((a, b) => a + b, 0),
    };
  });
  return {
    granularity: q.granularity,
    periods: axis.periods,
    sources,
    posts,
    groups: series,
    correlations: correlate(db, studyId, q, axis.periods, posts, series),
  };
}

/** rho of each group's share against each labelled code's share, over periods with both posts and coded units. */
function correlate(
  db: Db,
  studyId: number,
  q: TrendQuery,
  periods: { key: string }[],
  posts: number[],
  groups: MentionsReport['groups'],
): MentionsReport['correlations'] {
  if (groups.length === 0) return [];
  const trend = trendData(db, studyId, q);
  const at = new Map(trend.periods.map((p, i) => [p.key, i]));
  const aligned = periods.map((p) => at.get(p.key));
  const observed = aligned.map((i, k) => i !== undefined && trend.codedUnits[i]! > 0 && posts[k]! > 0);
  return groups.flatMap((g) =>
    trend.nodes
      .filter((n) => n.total > 0)
      .map((n) => ({
        groupId: g.id,
        codeId: n.id,
        result: seriesCorrelation(
          g.shares,
          aligned.map((i) => (i === undefined ? 0 : n.shares[i]!)),
          observed,
        ),
      })),
  );
}

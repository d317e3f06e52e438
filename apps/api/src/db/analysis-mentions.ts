// Mention trends: per period, the posts of the whole imported forum (every post of the
// sources the study's threads come from, not only its units) that mention each keyword
// group, as counts and as shares of the period's posts; and Spearman's rho between each
// group's share and each code's share over the periods where both are observed. Category,
// tag and date filters apply to the posts too; the round filter applies only to codes.
import { describeRules } from '../words/match-rules.ts';
import { axisFor, fillSeries } from '../label-counts/periods.ts';
import { seriesCorrelation } from '../label-counts/shift-tests.ts';
import type { Outcome } from '@threadcoder/stats';
import { filterParams, monthSql, postsWhere, summaryAnswers } from './analysis-filters.ts';
import { type KeywordGroup, listKeywordGroups } from './analysis-keyword-groups.ts';
import { trendData, type TrendQuery } from './analysis-trend.ts';
import { groupDefinitions } from './mention-matches.ts';
import type { Db } from './open.ts';
import { refreshStems } from './post-stems.ts';
import { statement } from './prepared.ts';
import { studySources } from './study-sources.ts';

// Without category, tag or date filters the per-month summaries answer; with them, the kept
// matches (which carry each post's source, thread and date) and the posts are filtered.
const postTotals = statement<[Record<string, unknown>], [number, number]>(
  `SELECT ${monthSql('p.created_at')}, count(*) FROM posts p WHERE ${postsWhere} GROUP BY 1`,
  (s) => s.raw(),
);
const postTotalsKept = statement<[{ sources: string }], [number, number]>(
  `SELECT month, sum(posts) FROM post_month_totals WHERE source_id IN (SELECT value FROM json_each(@sources))
   GROUP BY 1 HAVING sum(posts) > 0`,
  (s) => s.raw(),
);
const mentionCounts = statement<[Record<string, unknown>], [number, string, number]>(
  `SELECT p.month, g.value ->> 0, count(*) FROM json_each(@groups) g
     JOIN mention_matches p ON p.definition_id = g.value ->> 1
   WHERE (p.own OR @withQuotes) AND ${postsWhere} GROUP BY 1, 2`,
  (s) => s.raw(),
);
const mentionCountsKept = statement<[Record<string, unknown>], [number, string, number]>(
  `SELECT c.month, g.value ->> 0, sum(IIF(@withQuotes, c.any_words, c.own)) FROM json_each(@groups) g
     JOIN mention_month_counts c ON c.definition_id = g.value ->> 1
   WHERE c.source_id IN (SELECT value FROM json_each(@sources)) GROUP BY 1, 2`,
  (s) => s.raw(),
);

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
  const sources = studySources(db, studyId);
  const sourceIds = sources.map((s) => s.id);
  const groups = listKeywordGroups(db, studyId);
  // Stems of posts added or changed since (usually none: imports stem in the background), and
  // each group's matches (once per definition).
  if (groups.length) refreshStems(db, sourceIds);
  const definitions = groupDefinitions(db, groups);
  const params = { ...filterParams(studyId, q), sources: JSON.stringify(sourceIds) };
  const kept = summaryAnswers(q);
  const totals = kept ? postTotalsKept(db).all(params) : postTotals(db).all(params);
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
  const byGroup = { groups: JSON.stringify(groups.map((g) => [String(g.id), definitions.get(g.id)])) };
  const withQuotes = q.withQuotes ? 1 : 0;
  const matched = kept
    ? mentionCountsKept(db).all({ ...byGroup, sources: params.sources, withQuotes })
    : mentionCounts(db).all({ ...params, ...byGroup, withQuotes });
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

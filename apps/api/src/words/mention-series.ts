// A study's keyword-group mentions as a series set, for comparing with outside series, counted
// as the study chooses:
//   topics  the forum topics (threads) with at least one post mentioning the group, by the topic's
//           creation month — how Taraghi et al. (SANER 2024) count model families;
//   posts   the posts mentioning the group, by the post's month.
// Over every post of the sources the study's threads come from, each group matched by its own
// rules (match-rules.ts: own words only by default; a group's terms are its aliases), read from
// the kept matches (db/mention-matches.ts); the set's report names each group's rules. Months
// without a mention within the forum's months are 0. Storing again replaces the set.
import { listKeywordGroups } from '../db/analysis-keyword-groups.ts';
import { groupDefinitions } from '../db/mention-matches.ts';
import type { Db } from '../db/open.ts';
import { refreshStems } from '../db/post-stems.ts';
import { insertSeriesSet } from '../db/series.ts';
import { studySources } from '../db/study-sources.ts';
import { AppError } from '../http/errors.ts';
import { describeRules, type MatchRules } from './match-rules.ts';
import { monthsBetween } from '../series/months.ts';

export const MENTION_UNITS = ['topics', 'posts'] as const;
export type MentionUnit = (typeof MENTION_UNITS)[number];

/** Each group's rules in words, by group name. */
function matchingOf(groups: readonly { name: string; rules: MatchRules }[]): Record<string, string> {
  return Object.fromEntries(groups.map((g) => [g.name, describeRules(g.rules)]));
}

const UNIT_TEXT: Record<MentionUnit, string> = {
  topics: 'topics by creation month',
  posts: 'posts by post month',
};

export function storeMentionSeries(db: Db, studyId: number, unit: MentionUnit, userId: number | null): number {
  const groups = listKeywordGroups(db, studyId);
  if (groups.length === 0)
    throw new AppError(
      'analysis.no_keyword_groups',
      409,
      'Add keyword groups first: they say what counts as a mention.',
    );
  const sources = studySources(db, studyId).map((s) => s.id);
  refreshStems(db, sources);
  const definitions = groupDefinitions(db, groups);
  // A match carries its post's date (m.created_at); the forum's months come from the posts (p).
  const [dated, postDated, counted] =
    unit === 'topics'
      ? ['t.created_at', 't.created_at', 'DISTINCT m.thread_id']
      : ['m.created_at', 'p.created_at', '*'];
  const rows = db
    .prepare(
      `SELECT g.value ->> 0 AS grp, substr(${dated}, 1, 7) AS month, count(${counted}) AS n
       FROM json_each(@groups) g JOIN mention_matches m ON m.definition_id = g.value ->> 1 AND m.own = 1
         JOIN threads t ON t.id = m.thread_id
       WHERE m.source_id IN (SELECT value FROM json_each(@sources)) GROUP BY 1, 2`,
    )
    .all({
      groups: JSON.stringify(groups.map((g) => [g.name, definitions.get(g.id)])),
      sources: JSON.stringify(sources),
    }) as { grp: string; month: string; n: number }[];
  const range = db
    .prepare(
      `SELECT min(substr(${postDated}, 1, 7)) AS first, max(substr(${postDated}, 1, 7)) AS last
       FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.source_id IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(sources)) as { first: string | null; last: string | null };
  const months = monthsBetween(range.first, range.last);
  const counts = new Map(rows.map((r) => [`${r.grp}\n${r.month}`, r.n]));
  const study = db.prepare('SELECT name FROM studies WHERE id = ?').pluck().get(studyId) as string;
  return insertSeriesSet(
    db,
    {
      name: `${study} (#${studyId}): ${UNIT_TEXT[unit]} mentioning each keyword group`,
      source: `forum sources of study #${studyId}`,
      unit: unit === 'topics' ? 'topics' : 'posts',
      frequency: 'month',
      layout: 'derived',
      fileName: null,
      report: {
        counted: UNIT_TEXT[unit],
        matching: matchingOf(groups),
        terms: Object.fromEntries(groups.map((g) => [g.name, g.terms])),
      },
      series: groups.map((g) => ({
        key: g.name,
        points: months.map((m) => ({ date: `${m}-01`, value: counts.get(`${g.name}\n${m}`) ?? 0 })),
      })),
    },
    userId,
    true,
  );
}

// The analysis filters (round, forum category, tag, date range) as SQL, written once for the
// two places units are read from: analysis_facts (settled units, alias f) and live units
// (codings, alias u with threads t and posts p) for per-coder counts. Statements bind the
// parameters of `filterParams`; a filter left out binds NULL and drops out of the WHERE.
import { dayIndex, monthIndex } from '../label-counts/periods.ts';

export interface AnalysisFilters {
  roundId?: number | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  /** Count the words a post quotes as well as its own (mentions, distinctive terms); own words only by default. */
  withQuotes?: boolean | undefined;
}

/** The day after an ISO date, for "created_at < next day" on date-time strings. */
function nextDay(isoDate: string): string {
  return new Date((dayIndex(isoDate) + 1) * 86_400_000).toISOString().slice(0, 10);
}

export function filterParams(studyId: number, f: AnalysisFilters) {
  return {
    studyId,
    roundId: f.roundId ?? null,
    category: f.category ?? null,
    tag: f.tag ?? null,
    fromDay: f.from ? dayIndex(f.from) : null,
    toDay: f.to ? dayIndex(f.to) : null,
    fromMonth: f.from ? monthIndex(f.from) : null,
    toMonth: f.to ? monthIndex(f.to) : null,
    fromDate: f.from ?? null,
    beforeDate: f.to ? nextDay(f.to) : null,
  };
}

/** Whether only the round filter is set, so the per-month summary answers (analysis_months). */
export const summaryAnswers = (f: AnalysisFilters) => !f.category && !f.tag && !f.from && !f.to;

const threadFilters = (
  threadId: string,
) => `(@category IS NULL OR ${threadId} IN (SELECT id FROM threads WHERE category = @category))
  AND (@tag IS NULL OR ${threadId} IN (SELECT thread_id FROM thread_tags WHERE tag = @tag))`;

/** WHERE for analysis_facts rows (alias `a`); the month bounds let a date range scan only its months. */
export const factsWhere = (a = 'f') => `${a}.study_id = @studyId AND (@roundId IS NULL OR ${a}.round_id = @roundId)
  AND ${a}.month >= COALESCE(@fromMonth, -1) AND ${a}.month <= COALESCE(@toMonth, 1000000)
  AND (@fromDay IS NULL OR ${a}.day >= @fromDay) AND (@toDay IS NULL OR ${a}.day <= @toDay)
  AND ${threadFilters(`${a}.thread_id`)}`;

/** A unit's date: its post's created_at for post units, its thread's for thread units. Needs t and p joined. */
export const unitDateSql = 'COALESCE(p.created_at, t.created_at)';

/** WHERE for live units: needs `units u JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id`. */
export const unitsWhere = `u.study_id = @studyId AND (@roundId IS NULL OR u.round_id = @roundId)
  AND (@fromDate IS NULL OR ${unitDateSql} >= @fromDate) AND (@beforeDate IS NULL OR ${unitDateSql} < @beforeDate)
  AND ${threadFilters('u.thread_id')}`;

/** WHERE for a forum's posts (alias p) in the sources of @sources (a JSON array of ids). */
export const postsWhere = `p.source_id IN (SELECT value FROM json_each(@sources))
  AND (@fromDate IS NULL OR p.created_at >= @fromDate) AND (@beforeDate IS NULL OR p.created_at < @beforeDate)
  AND ${threadFilters('p.thread_id')}`;

/** SQL for the month index (year * 12 + month - 1) and day index (days since 1970-01-01) of an ISO date-time column. */
export const monthSql = (at: string) =>
  `(CAST(substr(${at}, 1, 4) AS INTEGER) * 12 + CAST(substr(${at}, 6, 2) AS INTEGER) - 1)`;
export const daySql = (at: string) => `CAST(julianday(substr(${at}, 1, 10)) - 2440587.5 AS INTEGER)`;

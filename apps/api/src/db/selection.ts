// A study's selected threads (study_threads) and the rules that built the selection, kept
// in studies.selection_json as { rules: [...] } so the population can be explained later.
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { THREAD_COUNT_CAP } from './capped-count.ts';
import type { Db } from './open.ts';
import { prepared, statement } from './prepared.ts';
import { matchingIdsSql, narrowFilter, type ThreadFilter, type Viewer } from './threads.ts';
import { readTransaction, writeTransaction } from './write-transaction.ts';

export type SelectionRule =
  | { kind: 'filter'; filter: ThreadFilter }
  | { kind: 'keywords'; terms: string[]; filter: ThreadFilter; withQuotes?: boolean }
  | { kind: 'pick'; threadIds: number[] };

/** One applied rule as recorded: what it matched, what it changed, the totals after, when and by whom. */
type RuleRecord = SelectionRule & {
  action: 'add' | 'remove';
  matched: number;
  changed: number;
  threads: number;
  posts: number;
  at: string;
  by: string;
};

export interface Selection {
  threads: number;
  posts: number;
  rules: RuleRecord[];
  /** A description stored before rules were recorded (e.g. the demo's "every thread"). */
  note: string | null;
}

function readJson(db: Db, studyId: number): Record<string, unknown> {
  try {
    const parsed = JSON.parse(
      db.prepare('SELECT selection_json FROM studies WHERE id = ?').pluck().get(studyId) as string,
    ) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// The posts are counted by one IN over the selected threads, not a subquery per thread: at
// 50,000 selected threads that halves the time (~25 ms at 500,000 posts).
const countsOf = statement<[number, number], { threads: number; posts: number }>(
  `SELECT (SELECT count(*) FROM study_threads WHERE study_id = ?) AS threads,
     (SELECT count(*) FROM posts p WHERE p.thread_id IN (SELECT thread_id FROM study_threads WHERE study_id = ?)) AS posts`,
);
function counts(db: Db, studyId: number): { threads: number; posts: number } {
  return countsOf(db).get(studyId, studyId)!;
}

/** Rules recorded before the filters were declared once (threads/filters.ts) called the source filter `sourceId`. */
function withSourceRenamed(rule: RuleRecord): RuleRecord {
  if (rule.kind === 'pick' || !('sourceId' in rule.filter)) return rule;
  const { sourceId, ...filter } = rule.filter as ThreadFilter & { sourceId: number };
  return { ...rule, filter: { ...filter, source: sourceId } };
}

export function getSelection(db: Db, studyId: number): Selection {
  const json = readJson(db, studyId);
  return {
    ...counts(db, studyId),
    rules: Array.isArray(json.rules) ? (json.rules as RuleRecord[]).map(withSourceRenamed) : [],
    note: typeof json.description === 'string' ? json.description : null,
  };
}

/**
 * The rule's matching threads as SQL selecting ids; a pick names threads that must exist. With
 * `cap` (a preview), a narrow filter's threads are checked for the terms (narrowFilter).
 */
function ruleSql(db: Db, rule: SelectionRule, viewer: Viewer, cap?: number) {
  if (rule.kind === 'pick') {
    const ids = JSON.stringify(rule.threadIds);
    const missing = db
      .prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM threads)')
      .pluck()
      .get(ids) as number | undefined;
    if (missing !== undefined) {
      const i = rule.threadIds.indexOf(missing);
      throw new AppError('selection.unknown_thread', 400, `There is no thread ${missing}.`, {
        field: `rule.threadIds[${i}]`,
      });
    }
    return { sql: 'SELECT DISTINCT value AS id FROM json_each(@ids)', params: { ids } };
  }
  const filter: ThreadFilter =
    rule.kind === 'keywords'
      ? { ...rule.filter, anyOf: rule.terms, withQuotes: rule.withQuotes === true }
      : rule.filter;
  return matchingIdsSql(
    db,
    filter,
    viewer,
    cap !== undefined && narrowFilter(db, filter, viewer, cap) ? 'filtered' : 'stream',
  );
}

export interface SelectionChange {
  /** Threads the rule matches; a dry run counts up to a cap (capped-count.ts), a change counts all. */
  matched: number;
  /** A dry run stopped at the cap: more than `matched` threads match, and `changed` and `withUnits` count the first `matched` found. */
  matchedIsAtLeast: boolean;
  /** Threads added (or removed); for a dry run, those that would be. */
  changed: number;
  /** Of the removed threads, those with units already drawn: the units stay. */
  withUnits: number;
  /** The selection after the change; a dry run changes nothing and leaves it out (GET has it). */
  selection?: Selection;
}

type RuleStats = { matched: number; selected: number; withUnits: number };
// What a rule's matches are: already selected, or holding units of the study.
const statsOf = (rows: string) => `SELECT count(*) AS matched,
  coalesce(sum(EXISTS (SELECT 1 FROM study_threads st WHERE st.study_id = @studyId AND st.thread_id = r.id)), 0) AS selected,
  coalesce(sum(EXISTS (SELECT 1 FROM units u WHERE u.study_id = @studyId AND u.thread_id = r.id)), 0) AS withUnits
  FROM ${rows} r`;

/**
 * A dry run's counts over at most the first `cap` matches: the preview of a rule on a common
 * word reads some thousands of threads, not all; `first` holds one more to tell whether the
 * count stopped at the cap.
 */
function previewStats(db: Db, sql: string, params: Record<string, unknown>, cap: number) {
  const stats = prepared(
    db,
    `WITH first(id) AS MATERIALIZED (SELECT id FROM (${sql}) LIMIT @cap + 1)
     SELECT (SELECT count(*) FROM first) > @cap AS isAtLeast, s.* FROM (${statsOf('(SELECT id FROM first LIMIT @cap)')}) s`,
  ).get({ ...params, cap }) as RuleStats & { isAtLeast: number };
  return { ...stats, isAtLeast: stats.isAtLeast === 1 };
}

/** What a dry run and a change count of a rule's matches: the threads changed, and those with units. */
function counted(action: 'add' | 'remove', stats: RuleStats) {
  return {
    changed: action === 'add' ? stats.matched - stats.selected : stats.selected,
    withUnits: action === 'remove' ? stats.withUnits : 0,
  };
}

/**
 * Adds or removes the threads a rule matches, then appends the rule with its counts to
 * selection_json and the audit log, all in one write transaction. dryRun only counts, up to
 * `countCap` matches, in a read transaction: one snapshot, and no write lock held while it reads.
 */
export function changeSelection(
  db: Db,
  studyId: number,
  user: Viewer & { username: string },
  action: 'add' | 'remove',
  rule: SelectionRule,
  opts: { dryRun?: boolean; countCap?: number } = {},
): SelectionChange {
  if (opts.dryRun) {
    const cap = opts.countCap ?? THREAD_COUNT_CAP;
    return readTransaction(db, (): SelectionChange => {
      const { sql, params } = ruleSql(db, rule, user, cap);
      const stats = previewStats(db, sql, { ...params, studyId }, cap);
      return { matched: stats.matched, matchedIsAtLeast: stats.isAtLeast, ...counted(action, stats) };
    });
  }
  return writeTransaction(db, (): SelectionChange => {
    const { sql, params } = ruleSql(db, rule, user);
    const p = { ...params, studyId };
    // MATERIALIZED: the match (full-text and all) runs once, not once per use below.
    const picked = `WITH picked(id) AS MATERIALIZED (${sql}) `;
    const stats = db.prepare(`${picked}${statsOf('picked')}`).get(p) as RuleStats;
    const write =
      action === 'add'
        ? `${picked}INSERT OR IGNORE INTO study_threads (study_id, thread_id) SELECT @studyId, id FROM picked`
        : `${picked}DELETE FROM study_threads WHERE study_id = @studyId AND thread_id IN (SELECT id FROM picked)`;
    const changed = db.prepare(write).run(p).changes;
    const json = readJson(db, studyId);
    const record: RuleRecord = {
      ...rule,
      action,
      matched: stats.matched,
      changed,
      ...counts(db, studyId),
      at: new Date().toISOString(),
      by: user.username,
    };
    const rules = [...(Array.isArray(json.rules) ? json.rules : []), record];
    db.prepare('UPDATE studies SET selection_json = ? WHERE id = ?').run(JSON.stringify({ ...json, rules }), studyId);
    audit(db, {
      userId: user.id,
      studyId,
      action: `selection.${action}`,
      entity: 'study_selection',
      entityId: studyId,
      after: record,
    });
    const { withUnits } = counted(action, stats);
    return {
      matched: stats.matched,
      matchedIsAtLeast: false,
      changed,
      withUnits,
      selection: getSelection(db, studyId),
    };
  });
}

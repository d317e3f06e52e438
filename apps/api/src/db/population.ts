import type { Db } from './open.ts';

export type Strata = 'none' | 'month' | 'quarter' | 'year' | 'category' | 'tag';

/** Post studies may draw only some posts: accepted answers, or posts by forum staff (admins, moderators, staff). */
export type PostsOnly = 'accepted' | 'staff';

// SQL over posts p: whether a post is in the draw's `only` set (@only NULL: every post).
const onlySql = `(@only IS NULL OR (@only = 'accepted' AND p.accepted_answer = 1) OR (@only = 'staff' AND p.author_role IS NOT NULL))`;

// SQL for the stratum of a row with a created_at column `d` and thread alias `t`.
// A thread with several tags is put in the stratum of its alphabetically first tag.
const stratumSql: Record<Strata, (d: string) => string> = {
  none: () => "'all'",
  month: (d) => `substr(${d}, 1, 7)`,
  quarter: (d) => `substr(${d}, 1, 4) || '-Q' || ((CAST(substr(${d}, 6, 2) AS INTEGER) + 2) / 3)`,
  year: (d) => `substr(${d}, 1, 4)`,
  category: () => "coalesce(t.category, '(no category)')",
  tag: () => "coalesce((SELECT min(tag) FROM thread_tags g WHERE g.thread_id = t.id), '(no tag)')",
};

export interface PopulationRow {
  id: number;
  threadId: number;
  stratum: string;
}

/**
 * What a study can still sample: the posts (or threads) of its selected threads that
 * are not units yet, each with its stratum. `id` is a post id for post studies and a
 * thread id for thread studies. Posts without words of their own (empty, only images, only
 * quotes, previews or videos: posts.content_kind) are left out unless `withoutWords`; `only`
 * keeps just accepted answers or posts by staff.
 */
export function population(
  db: Db,
  studyId: number,
  unitKind: 'post' | 'thread',
  strata: Strata,
  withoutWords = false,
  only: PostsOnly | null = null,
): PopulationRow[] {
  return db
    .prepare(candidatesSql(unitKind, strata, only))
    .all({ studyId, withoutWords: withoutWords ? 1 : 0, ...(only ? { only } : {}) }) as PopulationRow[];
}

/**
 * The population's rows (id, threadId, stratum) as SQL binding @studyId, @withoutWords and, with
 * `only`, @only. The `only` test reads columns the covering index posts_population lacks, so it is
 * in the SQL only when asked.
 */
function candidatesSql(unitKind: 'post' | 'thread', strata: Strata, only: PostsOnly | null): string {
  return unitKind === 'post'
    ? `SELECT p.id, p.thread_id AS threadId, ${stratumSql[strata]('p.created_at')} AS stratum
       FROM study_threads st JOIN threads t ON t.id = st.thread_id JOIN posts p ON p.thread_id = t.id
       WHERE st.study_id = @studyId AND (@withoutWords OR p.content_kind = 'text')${only ? ` AND ${onlySql}` : ''}
         AND NOT EXISTS (SELECT 1 FROM units u WHERE u.study_id = st.study_id AND u.post_id = p.id)`
    : `SELECT t.id, t.id AS threadId, ${stratumSql[strata]('t.created_at')} AS stratum
       FROM study_threads st JOIN threads t ON t.id = st.thread_id
       WHERE st.study_id = @studyId
         AND NOT EXISTS (SELECT 1 FROM units u WHERE u.study_id = st.study_id AND u.thread_id = t.id AND u.post_id IS NULL)`;
}

/**
 * The same population as `population`, as each stratum's ids in ascending order, read without
 * making a row object per candidate (a forum of 500,000 posts made half a million): SQL groups the
 * ids per stratum and the covering index posts_population (migration 026) answers for posts.
 */
export function populationStrata(
  db: Db,
  studyId: number,
  unitKind: 'post' | 'thread',
  strata: Strata,
  withoutWords = false,
  only: PostsOnly | null = null,
): Map<string, number[]> {
  const rows = db
    .prepare(`SELECT stratum, group_concat(id) FROM (${candidatesSql(unitKind, strata, only)}) GROUP BY stratum`)
    .raw()
    .all({ studyId, withoutWords: withoutWords ? 1 : 0, ...(only ? { only } : {}) }) as [string, string][];
  return new Map(
    rows.map(([stratum, ids]) => [
      stratum,
      ids
        .split(',')
        .map(Number)
        .sort((a, b) => a - b),
    ]),
  );
}

/**
 * How many units the population still holds, counted in SQL: the selected threads' posts (or
 * the threads) less the study's units among them. A unit's thread is its post's thread, and a
 * study has at most one unit per post (or thread), so the difference is what `population` lists
 * (posts without words of their own left out unless `withoutWords`, and those not in `only`, on both sides).
 */
export function populationSize(
  db: Db,
  studyId: number,
  unitKind: 'post' | 'thread',
  withoutWords = false,
  only: PostsOnly | null = null,
): number {
  const counted = `(@withoutWords = 1 OR p.content_kind = 'text') AND ${onlySql}`;
  const sql =
    unitKind === 'post'
      ? `SELECT (SELECT count(*) FROM study_threads st JOIN posts p ON p.thread_id = st.thread_id
           WHERE st.study_id = @studyId AND ${counted})
         - (SELECT count(*) FROM units u JOIN study_threads st ON st.study_id = u.study_id AND st.thread_id = u.thread_id
           JOIN posts p ON p.id = u.post_id WHERE u.study_id = @studyId AND ${counted})`
      : `SELECT (SELECT count(*) FROM study_threads st WHERE st.study_id = @studyId)
         - (SELECT count(*) FROM units u JOIN study_threads st ON st.study_id = u.study_id AND st.thread_id = u.thread_id
           WHERE u.study_id = @studyId AND u.post_id IS NULL)`;
  return db
    .prepare(sql)
    .pluck()
    .get({ studyId, withoutWords: withoutWords ? 1 : 0, only: unitKind === 'post' ? only : null }) as number;
}

/** The thread of each drawn unit id (a post id, or a thread id for thread studies). */
export function threadsOf(db: Db, unitKind: 'post' | 'thread', ids: readonly number[]): Map<number, number> {
  if (unitKind === 'thread') return new Map(ids.map((id) => [id, id]));
  const rows = db
    .prepare('SELECT id, thread_id FROM posts WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as [number, number][];
  return new Map(rows);
}

import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export type Strata = 'none' | 'month' | 'quarter' | 'year' | 'category' | 'tag';

/** Post studies may draw only some posts: accepted answers, or posts by forum staff (admins, moderators, staff). */
export type PostsOnly = 'accepted' | 'staff';

// SQL over posts p: whether a post is in the draw's `only` set (@only NULL: every post).
export const onlySql = `(@only IS NULL OR (@only = 'accepted' AND p.accepted_answer = 1) OR (@only = 'staff' AND p.author_role IS NOT NULL))`;

/** The one stratum's name when a draw is not stratified. */
export const wholePopulation = 'all';

// SQL for the stratum of a row with a created_at column `d` and thread alias `t`.
// A thread with several tags is put in the stratum of its alphabetically first tag.
export const stratumSql: Record<Strata, (d: string) => string> = {
  none: () => `'${wholePopulation}'`,
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

export interface PopulationCounts {
  /** Units a draw may take: posts with words of their own (or threads) not yet units. */
  available: number;
  /** Posts without words of their own, taken only when the draw asks for them. */
  withoutWords: number;
  /** Of those available, the accepted answers and the posts by forum staff. */
  acceptedAnswers: number;
  byStaff: number;
}

type Counts = Record<'threads' | 'posts' | 'text_posts' | 'text_accepted' | 'text_staff', number>;
// The kept counts of the selected threads (029) less the study's units among them (035), both kept by triggers.
const keptCounts = statement<[number], Counts>(
  `SELECT k.threads - coalesce(u.threads, 0) AS threads, k.posts - coalesce(u.posts, 0) AS posts,
     k.text_posts - coalesce(u.text_posts, 0) AS text_posts, k.text_accepted - coalesce(u.text_accepted, 0) AS text_accepted,
     k.text_staff - coalesce(u.text_staff, 0) AS text_staff
   FROM study_post_counts k LEFT JOIN study_unit_counts u ON u.study_id = k.study_id WHERE k.study_id = ?`,
);

/**
 * How many units the population still holds, exactly as `population` would list them: the kept
 * counts of the selected threads (a few rows, however large the forum) less the study's units among them.
 */
export function populationCounts(db: Db, studyId: number, unitKind: 'post' | 'thread'): PopulationCounts {
  const left = keptCounts(db).get(studyId);
  if (!left) return { available: 0, withoutWords: 0, acceptedAnswers: 0, byStaff: 0 };
  if (unitKind === 'thread') return { available: left.threads, withoutWords: 0, acceptedAnswers: 0, byStaff: 0 };
  return {
    available: left.text_posts,
    withoutWords: left.posts - left.text_posts,
    acceptedAnswers: left.text_accepted,
    byStaff: left.text_staff,
  };
}

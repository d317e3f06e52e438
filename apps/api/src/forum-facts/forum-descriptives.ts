// The forum itself, before any coding, as the study reports it: topics and posts per category
// per month (topics by creation month, posts by their own month), and how many posts a topic
// has (the first post and its replies); the share of topics with an accepted answer (per creation
// month and overall) and of posts by forum staff (admins, moderators, staff) vs other users. Over
// every thread and post of the sources the study's threads come from.
import type { Db } from '../db/open.ts';
import { studySources } from '../db/study-sources.ts';

export interface ForumDescriptives {
  sources: { id: number; name: string }[];
  topics: number;
  posts: number;
  /** Topics created and posts written; of them, topics with an accepted answer and posts by forum staff. */
  perCategoryMonth: {
    category: string;
    month: string;
    topics: number;
    posts: number;
    solvedTopics: number;
    staffPosts: number;
  }[];
  /** Topics with an accepted answer, by creation month and overall (share of the topics). */
  accepted: {
    topics: number;
    share: number | null;
    perMonth: { month: string; topics: number; solved: number; share: number }[];
  };
  /** Posts by forum staff vs other users. */
  staff: { posts: number; otherPosts: number; share: number | null };
  postsPerTopic: { mean: number; median: number; p90: number; max: number } | null;
  /** Topics by their number of replies (posts after the first). */
  replies: { bucket: string; topics: number; share: number }[];
  /** Topics nobody answered: a single post. */
  unansweredShare: number | null;
}

const BUCKETS: [string, number, number][] = [
  ['0', 0, 0],
  ['1', 1, 1],
  ['2–4', 2, 4],
  ['5–9', 5, 9],
  ['10–19', 10, 19],
  ['20+', 20, Number.POSITIVE_INFINITY],
];

/** The value at quantile q of ascending values (nearest rank). */
const nearestRank = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function forumDescriptives(db: Db, studyId: number): ForumDescriptives {
  const sources = studySources(db, studyId);
  const ids = JSON.stringify(sources.map((s) => s.id));
  const perCategoryMonth = db
    .prepare(
      `WITH t AS (SELECT coalesce(category, '(none)') AS category, substr(created_at, 1, 7) AS month, count(*) AS n,
                    sum(solved) AS s
                  FROM threads WHERE source_id IN (SELECT value FROM json_each(@ids)) GROUP BY 1, 2),
            p AS (SELECT coalesce(t.category, '(none)') AS category, substr(p.created_at, 1, 7) AS month, count(*) AS n,
                    sum(p.author_role IS NOT NULL) AS s
                  FROM posts p JOIN threads t ON t.id = p.thread_id
                  WHERE p.source_id IN (SELECT value FROM json_each(@ids)) GROUP BY 1, 2),
            k AS (SELECT category, month FROM t UNION SELECT category, month FROM p)
       SELECT k.category, k.month, coalesce(t.n, 0) AS topics, coalesce(p.n, 0) AS posts,
         coalesce(t.s, 0) AS solvedTopics, coalesce(p.s, 0) AS staffPosts
       FROM k LEFT JOIN t USING (category, month) LEFT JOIN p USING (category, month) ORDER BY k.category, k.month`,
    )
    .all({ ids }) as ForumDescriptives['perCategoryMonth'];
  const counts = (
    db
      .prepare(
        `SELECT (SELECT count(*) FROM posts p WHERE p.thread_id = t.id) AS n FROM threads t
         WHERE t.source_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(ids) as number[]
  ).sort((a, b) => a - b);
  const posts = counts.reduce((a, b) => a + b, 0);
  const withPosts = counts.filter((n) => n > 0);
  return {
    sources,
    topics: counts.length,
    posts,
    perCategoryMonth,
    accepted: acceptedShares(perCategoryMonth),
    staff: staffShare(perCategoryMonth),
    postsPerTopic: withPosts.length
      ? {
          mean: posts / withPosts.length,
          median: median(withPosts),
          p90: nearestRank(withPosts, 0.9),
          max: withPosts.at(-1)!,
        }
      : null,
    replies: BUCKETS.map(([bucket, lo, hi]) => {
      const topics = withPosts.filter((n) => n - 1 >= lo && n - 1 <= hi).length;
      return { bucket, topics, share: withPosts.length ? topics / withPosts.length : 0 };
    }),
    unansweredShare: withPosts.length ? withPosts.filter((n) => n === 1).length / withPosts.length : null,
  };
}

type Row = ForumDescriptives['perCategoryMonth'][number];

/** Topics with an accepted answer per creation month (summed over categories) and overall. */
function acceptedShares(rows: Row[]): ForumDescriptives['accepted'] {
  const months = new Map<string, { topics: number; solved: number }>();
  for (const r of rows) {
    const m = months.get(r.month) ?? { topics: 0, solved: 0 };
    m.topics += r.topics;
    m.solved += r.solvedTopics;
    months.set(r.month, m);
  }
  const perMonth = [...months]
    .filter(([, m]) => m.topics > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, ...m, share: m.solved / m.topics }));
  const topics = perMonth.reduce((a, m) => a + m.topics, 0);
  const solved = perMonth.reduce((a, m) => a + m.solved, 0);
  return { topics: solved, share: topics ? solved / topics : null, perMonth };
}

function staffShare(rows: Row[]): ForumDescriptives['staff'] {
  const all = rows.reduce((a, r) => a + r.posts, 0);
  const staff = rows.reduce((a, r) => a + r.staffPosts, 0);
  return { posts: staff, otherPosts: all - staff, share: all ? staff / all : null };
}

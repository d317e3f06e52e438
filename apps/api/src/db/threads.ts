// Threads for the browser and for study selection. One filter shape (ThreadFilter) is
// compiled to SQL once here, so the list a person browses and the set a selection rule adds
// are always the same threads.
import { AppError } from '../http/errors.ts';
import { cappedCount, type CappedCount, THREAD_COUNT_CAP } from './capped-count.ts';
import { threadFilterNames, type ThreadFilterName, type ThreadFilterValues } from '../threads/filters.ts';
import type { Db } from './open.ts';
import { prepared } from './prepared.ts';
import { walkByDate, type WalkLimits } from './search-by-date.ts';
import { visibleCodingsAnyStudy } from './visibility.ts';

/** The declared filters (threads/filters.ts) plus what only the API sets. */
export type ThreadFilter = ThreadFilterValues & {
  /** Full text: at least one of these terms (a keyword rule). */
  anyOf?: string[];
  /** Full-text terms also match the words posts quote (posts.quoted_text); own words only by default. */
  withQuotes?: boolean;
  /** With inStudy: only threads (not) selected into this study. */
  studyId?: number;
  inStudy?: 'yes' | 'no';
};

export interface Viewer {
  id: number;
  isAdmin: boolean;
}

export type ThreadSort = 'relevance' | 'newest' | 'oldest';

const MAX_TERMS = 16;
// Title hits weigh more than post hits. FTS5's rank column is bm25() (negative: lower is
// better); unlike the function it may be used outside the MATCH query's own SELECT.
const TITLE_WEIGHT = 2;

/** One FTS5 string for one user term: quoted, so quotes, parens, NEAR, AND, ^ or : are plain words. */
function ftsString(term: string): string | null {
  let word = term.trim();
  const prefix = word.length > 1 && word.endsWith('*');
  if (prefix) word = word.replace(/\*+$/, '');
  if (!/[\p{L}\p{N}]/u.test(word)) return null;
  return `"${word.replaceAll('"', '""')}"${prefix ? ' *' : ''}`;
}

/**
 * Splits a search box's text into FTS5 terms: "quoted phrases" stay together, other words
 * are separate terms, a trailing * asks for a prefix. Nothing the user types can be FTS syntax.
 */
function ftsTerms(text: string): string[] {
  const terms: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const fts = ftsString(m[1] ?? m[2]!);
    if (fts) terms.push(fts);
  }
  return terms.slice(0, MAX_TERMS);
}

/** "a" OR "b" OR "c" for a keyword rule's terms, or null when none holds a word. */
function ftsAnyOf(terms: string[]): string | null {
  const parts = terms.map(ftsString).filter((t): t is string => t !== null);
  return parts.length ? parts.join(' OR ') : null;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Compiled {
  /** Common table expressions the query needs (full-text matches), without WITH. */
  ctes: string[];
  from: string;
  where: string[];
  params: Record<string, unknown>;
  /** Whether `m.score` is there to sort by (a search compiled with scores). */
  ranked: boolean;
}

/** The filter's full-text terms, each one FTS5 string; a keyword rule's terms are one term (any of them). */
function searchTerms(filter: ThreadFilter): string[] {
  const terms = filter.q ? ftsTerms(filter.q) : [];
  const any = filter.anyOf ? ftsAnyOf(filter.anyOf) : null;
  if (filter.anyOf && !any)
    throw new AppError('threads.no_terms', 400, 'Give at least one keyword with a letter or digit in it.', {
      field: 'terms',
    });
  if (any) terms.push(`(${any})`);
  return terms;
}

const whereSql = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
const withSql = (ctes: string[]) => (ctes.length ? `WITH ${ctes.join(', ')} ` : '');

// A matching post's thread is read from the narrow posts_thread_of index (migration 019), not
// from the post's row, which holds its HTML and text: a common word matches most posts.
const postThreads = (t: string) =>
  `SELECT p.thread_id AS tid FROM posts_fts JOIN posts p INDEXED BY posts_thread_of ON p.id = posts_fts.rowid WHERE posts_fts MATCH @${t}`;
// The same over the words posts quote (posts_quoted_fts), for filters that count quotes too.
const quotedPostThreads = (t: string) =>
  `SELECT p.thread_id AS tid FROM posts_quoted_fts JOIN posts p INDEXED BY posts_thread_of ON p.id = posts_quoted_fts.rowid WHERE posts_quoted_fts MATCH @${t}`;

// A common word matches most of a big forum's posts, and FTS5 computes bm25 for every row it
// returns: relevance ranks each term's newest RANKED_POSTS matching posts (and every title
// match), so a search of 500,000 posts ranks a few thousand; the total still counts every match.
const RANKED_POSTS = 5_000;
const rankedPosts = (fts: string, i: number) =>
  `SELECT ${i}, p.thread_id, h.rank FROM (SELECT rowid, rank FROM ${fts} WHERE ${fts} MATCH @t${i} ORDER BY rowid DESC LIMIT ${RANKED_POSTS}) h
     JOIN posts p INDEXED BY posts_thread_of ON p.id = h.rowid`;

/**
 * SQL true when the full-text term @<term> occurs in thread `tid`: in its title or one of its
 * posts. The term's matching titles and posts are read once per query, as sets of ids (cheap:
 * the full-text index lists them in order), and the thread's few posts are looked up in them;
 * mapping every matching post to its thread instead (postThreads) costs ~3 times as much a post.
 */
function inThread(term: string, withQuotes: boolean, tid: string): string {
  const inPosts = (fts: string) => `+p.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH @${term})`;
  const posts = withQuotes ? `(${inPosts('posts_fts')} OR ${inPosts('posts_quoted_fts')})` : inPosts('posts_fts');
  // `+`: SQLite would push a plain `tid IN (…)` into a stream's branches as a rowid constraint,
  // probing the full-text index once per listed thread (minutes at 500,000 posts).
  return `(+${tid} IN (SELECT rowid FROM threads_fts WHERE threads_fts MATCH @${term})
    OR EXISTS (SELECT 1 FROM posts p INDEXED BY posts_thread_created WHERE p.thread_id = ${tid} AND ${posts}))`;
}

/** SQL true when every named term (@t0, @t1, …) occurs in thread `tid` (inThread). */
const allInThread = (terms: string[], withQuotes: boolean, tid: string) =>
  terms.map((term) => inThread(term, withQuotes, tid)).join(' AND ');
const termNames = (terms: string[]) => terms.map((_, i) => `t${i}`);

// Past this many matching posts terms are common alike: counting stops there (~0.3 ms).
const COMMON_POSTS = 5_000;
/** The index of the term matching the fewest posts (own words, titles aside; the first of equals). */
function rarestTerm(db: Db, terms: string[]): number {
  const count = prepared(db, 'SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)').pluck();
  const posts = terms.map((term) => count.get(term, COMMON_POSTS) as number);
  return posts.indexOf(Math.min(...posts));
}

/**
 * The full-text part of a filter: threads where every term occurs (in the title or any post).
 * With `score`, the thread's score sums each term's best bm25 over the ranked matches (see
 * RANKED_POSTS; only a search sorted by relevance asks for it); without, the matching ids are
 * all it finds.
 */
function matchCtes(
  db: Db,
  terms: string[],
  score: boolean,
  withQuotes: boolean,
  params: Record<string, unknown>,
): string[] {
  if (!score) {
    // A stream of distinct thread ids, not a compound UNION / INTERSECT (which SQLite builds in
    // full before the first row): a capped count (countThreads) stops reading after its cap.
    const stream = (t: string) =>
      `SELECT rowid AS tid FROM threads_fts WHERE threads_fts MATCH @${t} UNION ALL ${postThreads(t)}${
        withQuotes ? ` UNION ALL ${quotedPostThreads(t)}` : ''
      }`;
    if (terms.length === 1) return [`m AS (SELECT DISTINCT tid FROM (${stream('t0')}))`];
    // Several terms: first the threads with a title or post holding every term (FTS5 finds those
    // posts itself); common words mostly occur together, so a capped count mostly stops there,
    // and the terms' sets (inThread) are read only if the stream goes on to the threads whose
    // terms lie in different posts: the rarest term's threads, each checked once for the others.
    params.tAll = terms.join(' AND ');
    const names = termNames(terms);
    const lead = names[rarestTerm(db, terms)]!;
    const others = names.filter((name) => name !== lead);
    return [
      `m AS (SELECT DISTINCT tid FROM (${stream('tAll')}
        UNION ALL SELECT tid FROM (SELECT DISTINCT tid FROM (${stream(lead)})) WHERE ${allInThread(others, withQuotes, 'tid')}))`,
    ];
  }
  const hits = terms.map(
    (_, i) =>
      `SELECT ${i} AS term, rowid AS tid, rank * ${TITLE_WEIGHT} AS s FROM threads_fts WHERE threads_fts MATCH @t${i}
        UNION ALL ${rankedPosts('posts_fts', i)}${withQuotes ? ` UNION ALL ${rankedPosts('posts_quoted_fts', i)}` : ''}`,
  );
  params.nTerms = terms.length;
  return [
    `hits AS (${hits.join(' UNION ALL ')})`,
    'best AS (SELECT term, tid, min(s) AS s FROM hits GROUP BY term, tid)',
    'm AS (SELECT tid, sum(s) AS score FROM best GROUP BY tid HAVING count(*) = @nTerms)',
  ];
}

type Clause = { sql: string; params: Record<string, unknown> };
/** Each declared filter's condition on `threads t`; `q` is full text (searchTerms, matchCtes). */
const filterSql: {
  [K in Exclude<ThreadFilterName, 'q'>]: (value: NonNullable<ThreadFilterValues[K]>, viewer: Viewer) => Clause;
} = {
  source: (source) => ({ sql: 't.source_id = @source', params: { source } }),
  category: (category) => ({ sql: 't.category = @category', params: { category } }),
  tag: (tag) => ({ sql: 't.id IN (SELECT thread_id FROM thread_tags WHERE tag = @tag)', params: { tag } }),
  from: (from) => ({ sql: 't.created_at >= @from', params: { from } }),
  to: (to) => ({ sql: 't.created_at < @toNext', params: { toNext: nextDay(to) } }),
  solved: (solved) => ({ sql: solved === 'yes' ? 't.solved = 1' : 't.solved = 0', params: {} }),
  minScore: (minScore) => ({ sql: 't.score >= @minScore', params: { minScore } }),
  coded: (coded, viewer) => {
    const params = {};
    return { sql: `${coded === 'yes' ? '' : 'NOT '}${codedSql(viewer, params)}`, params };
  },
};

/**
 * How a search finds its threads: `ranked` scores the matches (relevance), `stream` lists the
 * matching threads from the full-text index (matchCtes), `filtered` checks the threads the other
 * filters select for the terms (cheaper when those are few, see narrowFilter).
 */
type MatchPlan = 'ranked' | 'stream' | 'filtered';

/** The filter as SQL over `threads t`; full-text terms join the matches `m` (see matchCtes) unless `filtered`. */
function compile(db: Db, filter: ThreadFilter, viewer: Viewer, plan: MatchPlan = 'stream'): Compiled {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  const terms = searchTerms(filter);
  const withQuotes = filter.withQuotes === true;
  terms.forEach((term, i) => {
    params[`t${i}`] = term;
  });
  const joined = terms.length > 0 && plan !== 'filtered';
  const ctes = joined ? matchCtes(db, terms, plan === 'ranked', withQuotes, params) : [];
  const from = joined ? 'm JOIN threads t ON t.id = m.tid' : 'threads t';
  for (const name of threadFilterNames) {
    const value = filter[name];
    if (name === 'q' || value === undefined) continue;
    // The value belongs to this name's clause; TypeScript cannot pair them across the union.
    const clause = filterSql[name](value as never, viewer);
    where.push(clause.sql);
    Object.assign(params, clause.params);
  }
  if (filter.studyId !== undefined && filter.inStudy) {
    params.studyId = filter.studyId;
    where.push(
      `${filter.inStudy === 'yes' ? '' : 'NOT '}EXISTS (SELECT 1 FROM study_threads st WHERE st.study_id = @studyId AND st.thread_id = t.id)`,
    );
  }
  // Last: SQLite checks the conditions in order, and the filters are the cheap ones.
  if (terms.length > 0 && plan === 'filtered') where.push(allInThread(termNames(terms), withQuotes, 't.id'));
  return { ctes, from, where, params, ranked: terms.length > 0 && plan === 'ranked' };
}

/**
 * A coding the viewer may see on some unit of the thread, in studies the viewer belongs to
 * (admins: all): their own, or another coder's once the study has released it (visibility.ts),
 * so the filter never tells a coder that someone else has coded a thread of a blind study.
 */
function codedSql(viewer: Viewer, params: Record<string, unknown>): string {
  const member = viewer.isAdmin
    ? ''
    : 'AND u.study_id IN (SELECT study_id FROM study_members WHERE user_id = @viewerId)';
  params.viewerId = viewer.id;
  params.operator = 0;
  return `EXISTS (SELECT 1 FROM units u WHERE u.thread_id = t.id ${member} AND EXISTS (SELECT 1 FROM ${visibleCodingsAnyStudy} c WHERE c.unit_id = u.id))`;
}

/** SQL selecting the ids of the matching threads (by `plan`, see MatchPlan): for selection rules and capped counts. */
export function matchingIdsSql(
  db: Db,
  filter: ThreadFilter,
  viewer: Viewer,
  plan: Exclude<MatchPlan, 'ranked'> = 'stream',
): { sql: string; params: Record<string, unknown> } {
  const c = compile(db, filter, viewer, plan);
  return { sql: `${withSql(c.ctes)}SELECT t.id FROM ${c.from} ${whereSql(c.where)}`, params: c.params };
}

interface ThreadRow {
  id: number;
  title: string;
  sourceId: number;
  sourceName: string;
  category: string | null;
  tags: string[];
  url: string | null;
  createdAt: string;
  /** The forum marks an accepted answer. */
  solved: boolean;
  /** A Stack Exchange question's score. */
  score: number | null;
  posts: number;
  coded: boolean;
  /** Whether the thread is in filter.studyId's selection (false without a study). */
  selected: boolean;
}

export interface ThreadPage {
  threads: ThreadRow[];
  /** The matching threads, counted up to a cap (capped-count.ts): exact unless totalIsAtLeast. */
  total: number;
  /** More than `total` threads match; the list still pages through all of them. */
  totalIsAtLeast: boolean;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

type RawRow = Omit<ThreadRow, 'tags' | 'coded' | 'selected' | 'solved'> & {
  tagsJson: string;
  solved: number;
  coded: number;
  selected: number;
};

/**
 * One page of threads: by relevance (offset pages; a search's matches are ranked as a set)
 * or by date (keyset pages on (created_at, id), so deep pages cost what the first does).
 * The total is counted up to `countCap`; pages never depend on it.
 */
export function listThreads(
  db: Db,
  filter: ThreadFilter,
  viewer: Viewer,
  opts: { sort?: ThreadSort; cursor?: string; limit: number; countCap?: number; walkLimits?: WalkLimits },
): ThreadPage {
  const searched = searchTerms(filter).length > 0;
  const sort: ThreadSort =
    opts.sort === 'relevance' && !searched ? 'newest' : (opts.sort ?? (searched ? 'relevance' : 'newest'));
  const c = compile(db, filter, viewer, sort === 'relevance' ? 'ranked' : 'stream');
  const params: Record<string, unknown> = { ...c.params, limit: opts.limit + 1 };
  const keyset: string[] = [];
  let order: string;
  let walkOrder = '';
  let offset = 0;
  if (sort === 'relevance') {
    order = 'ORDER BY score, id';
    if (opts.cursor) offset = Number(/^o(\d{1,9})$/.exec(opts.cursor)?.[1] ?? badCursor());
  } else {
    const dir = sort === 'newest' ? 'DESC' : 'ASC';
    order = `ORDER BY createdAt ${dir}, id ${dir}`;
    walkOrder = `ORDER BY t.created_at ${dir}, t.id ${dir}`;
    if (opts.cursor) {
      const m = /^d(.+)~(\d+)$/.exec(opts.cursor) ?? badCursor();
      keyset.push(`(t.created_at, t.id) ${sort === 'newest' ? '<' : '>'} (@cursorAt, @cursorId)`);
      Object.assign(params, { cursorAt: m[1], cursorId: Number(m[2]) });
    }
  }
  params.selStudy = filter.studyId ?? null;
  params.offset = offset;
  // The page is chosen first; only its rows get their details (post count, coded, selected).
  // The total is a separate capped count: by relevance only some matches are ranked
  // (RANKED_POSTS), and by date a page needs only the threads before its cursor, which a
  // search finds by walking the threads in date order when its terms are common.
  const where = [...c.where, ...keyset];
  const walked =
    searched && !c.ranked
      ? walkByDate(
          db,
          {
            terms: searchTerms(filter).length,
            withQuotes: filter.withQuotes === true,
            where: whereSql(where),
            order: walkOrder,
            params,
            rows: opts.limit + 1,
          },
          opts.walkLimits,
        )
      : null;
  if (walked) params.walked = JSON.stringify(walked);
  const page = walked
    ? `page AS (SELECT t.id, t.created_at AS createdAt, 0 AS score FROM json_each(@walked) w JOIN threads t ON t.id = w.value)`
    : `page AS (SELECT t.id, t.created_at AS createdAt, ${c.ranked ? 'm.score' : '0'} AS score
    FROM ${c.from} ${whereSql(where)} ${order} LIMIT @limit OFFSET @offset)`;
  const rows = prepared(
    db,
    `${withSql([...c.ctes, page])}SELECT t.id, t.title, t.source_id AS sourceId, (SELECT name FROM sources WHERE id = t.source_id) AS sourceName, t.category,
       t.tags_json AS tagsJson, t.url, t.created_at AS createdAt, t.solved, t.score, (SELECT count(*) FROM posts p WHERE p.thread_id = t.id) AS posts,
       ${codedSql(viewer, params)} AS coded,
       EXISTS (SELECT 1 FROM study_threads sel WHERE sel.study_id = @selStudy AND sel.thread_id = t.id) AS selected
     FROM page JOIN threads t ON t.id = page.id ${order.replace(/(createdAt|score|id)/g, 'page.$1')}`,
  ).all(params) as RawRow[];
  const more = rows.length > opts.limit;
  const threads = rows.slice(0, opts.limit).map(({ tagsJson, coded, selected, solved, ...r }) => ({
    ...r,
    solved: solved === 1,
    tags: JSON.parse(tagsJson) as string[],
    coded: coded === 1,
    selected: selected === 1,
  }));
  const total = countThreads(db, filter, viewer, opts.countCap ?? THREAD_COUNT_CAP);
  const last = threads.at(-1);
  const nextCursor =
    !more || !last ? null : sort === 'relevance' ? `o${offset + opts.limit}` : `d${last.createdAt}~${last.id}`;
  return { threads, total: total.count, totalIsAtLeast: total.isAtLeast, nextCursor };
}

function badCursor(): never {
  throw new AppError('threads.bad_cursor', 400, 'The page cursor is not valid; start again from the first page.', {
    field: 'cursor',
  });
}

/** The matching threads, counted up to `cap`: from the match stream (matchCtes), or the filtered threads when few. */
function countThreads(db: Db, filter: ThreadFilter, viewer: Viewer, cap: number): CappedCount {
  const plan = narrowFilter(db, filter, viewer, cap) ? 'filtered' : 'stream';
  const { sql, params } = matchingIdsSql(db, filter, viewer, plan);
  return cappedCount(db, sql, params, cap);
}

/**
 * A search whose other filters select at most `cap` threads (counted up to cap + 1, from an
 * index): a count streaming its matches would never reach the cap and so read every one (for a
 * common word, most posts of the forum); checking the few filtered threads for the terms is cheaper.
 */
export function narrowFilter(db: Db, filter: ThreadFilter, viewer: Viewer, cap: number): boolean {
  if (searchTerms(filter).length === 0) return false;
  const { where, params } = compile(db, { ...filter, q: undefined, anyOf: undefined }, viewer);
  return where.length > 0 && !cappedCount(db, `SELECT t.id FROM threads t ${whereSql(where)}`, params, cap).isAtLeast;
}

/** The categories and most used tags (of one source, or all), with thread counts, for the filter menus. */
export function threadFacets(db: Db, sourceId: number | null) {
  const categories = prepared(
    db,
    `SELECT category AS name, count(*) AS threads FROM threads WHERE category IS NOT NULL AND (@sourceId IS NULL OR source_id = @sourceId)
     GROUP BY category ORDER BY threads DESC, name LIMIT 300`,
  ).all({ sourceId }) as { name: string; threads: number }[];
  const tags = prepared(
    db,
    `SELECT g.tag AS name, count(*) AS threads FROM thread_tags g
     WHERE @sourceId IS NULL OR g.thread_id IN (SELECT id FROM threads WHERE source_id = @sourceId)
     GROUP BY g.tag ORDER BY threads DESC, name LIMIT 300`,
  ).all({ sourceId }) as { name: string; threads: number }[];
  return { categories, tags };
}

/** A thread's facts and how many posts it has; its posts come a page at a time (db/thread-posts.ts). */
export function getThread(db: Db, id: number) {
  const row = prepared(
    db,
    `SELECT t.id, t.title, t.source_id AS sourceId, s.name AS sourceName, t.category, t.tags_json AS tagsJson, t.url, t.views,
       t.created_at AS createdAt, t.solved, t.score, (SELECT count(*) FROM posts p WHERE p.thread_id = t.id) AS postCount
     FROM threads t JOIN sources s ON s.id = t.source_id WHERE t.id = ?`,
  ).get(id) as
    | (Omit<ThreadRow, 'tags' | 'posts' | 'coded' | 'selected' | 'solved'> & {
        tagsJson: string;
        views: number | null;
        solved: number;
        postCount: number;
      })
    | undefined;
  if (!row) return null;
  const { tagsJson, solved, ...thread } = row;
  return { ...thread, solved: solved === 1, tags: JSON.parse(tagsJson) as string[] };
}

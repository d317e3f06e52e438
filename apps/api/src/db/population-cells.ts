// A draw reads the population as cells, not one row per post: each selected thread's posts of one
// month (the kept counts of migration 029, less the study's units), grouped by stratum. A
// stratum's candidates are in a fixed order, by thread, month, then each post's date and id, so a
// rank names a cell and a place in it, and only the drawn posts are read (postsAtRanks).
import type { Db } from './open.ts';
import { onlySql, type PostsOnly, type Strata, stratumSql, wholePopulation } from './population.ts';

export interface CellOptions {
  strata: Strata;
  /** Posts without words of their own count too. */
  withoutWords: boolean;
  only: PostsOnly | null;
}

/** One stratum's cells in order: thread, month (post studies) and the candidates up to and including each. */
export interface StratumCells {
  threads: number[];
  months: string[];
  ends: number[];
}

// The thread_post_counts column that counts what a draw with these options may take.
const countColumn = {
  words: { all: 'text_posts', accepted: 'text_accepted', staff: 'text_staff' },
  any: { all: 'posts', accepted: 'accepted', staff: 'staff' },
} as const;

// Which posts a draw with these options may take (SQL over posts p; @only bound when `only` is set).
const postFilter = (o: CellOptions) =>
  [o.withoutWords ? '' : "AND p.content_kind = 'text'", o.only ? `AND ${onlySql}` : ''].join(' ');

const stratumOf = (strata: Strata) =>
  strata === 'category' || strata === 'tag' ? stratumSql[strata]('') : stratumSql[strata]('c.month');

// A month stratum is named by its cells' month and 'none' has one name, so neither needs a column of
// names: at 500,000 posts (~72,000 cells) making and parsing those strings cost a quarter of the read.
const namesImplied = (strata: Strata) => strata === 'month' || strata === 'none';

// The cells as four JSON arrays (the names NULL where implied), in the order of the study's threads
// and each thread's months (the order both primary keys give, so SQLite sorts nothing). The study's
// units are subtracted per cell.
function postCellsSql(o: CellOptions): string {
  const column = countColumn[o.withoutWords ? 'any' : 'words'][o.only ?? 'all'];
  const names = !namesImplied(o.strata);
  return `WITH taken AS MATERIALIZED (
      SELECT p.thread_id, substr(p.created_at, 1, 7) AS month, count(*) AS n
      FROM units u JOIN posts p ON p.id = u.post_id
      WHERE u.study_id = @studyId AND u.post_id IS NOT NULL ${postFilter(o)}
      GROUP BY 1, 2)
    SELECT ${names ? 'json_group_array(stratum)' : 'NULL'}, json_group_array(thread), json_group_array(month),
      json_group_array(n) FROM (
      SELECT ${names ? `${stratumOf(o.strata)} AS stratum,` : ''} c.thread_id AS thread, c.month,
        c.${column} - coalesce(k.n, 0) AS n
      FROM study_threads st JOIN thread_post_counts c ON c.thread_id = st.thread_id
        ${o.strata === 'category' || o.strata === 'tag' ? 'JOIN threads t ON t.id = st.thread_id' : ''}
        LEFT JOIN taken k ON k.thread_id = c.thread_id AND k.month = c.month
      WHERE st.study_id = @studyId AND c.${column} > coalesce(k.n, 0)
      ORDER BY st.thread_id, c.month)`;
}

// Thread studies: each selected thread not yet a unit is one candidate.
function threadCellsSql(o: CellOptions): string {
  return `SELECT json_group_array(stratum), json_group_array(id), NULL, NULL FROM (
      SELECT ${stratumSql[o.strata]('t.created_at')} AS stratum, t.id
      FROM study_threads st JOIN threads t ON t.id = st.thread_id
      WHERE st.study_id = @studyId
        AND NOT EXISTS (SELECT 1 FROM units u WHERE u.study_id = st.study_id AND u.thread_id = t.id AND u.post_id IS NULL)
      ORDER BY t.id)`;
}

/** The study's population per stratum as cells (the same candidates `population` lists). */
export function populationCells(
  db: Db,
  studyId: number,
  unitKind: 'post' | 'thread',
  o: CellOptions,
): Map<string, StratumCells> {
  const [strata, threads, months, counts] = db
    .prepare(unitKind === 'post' ? postCellsSql(o) : threadCellsSql(o))
    .raw()
    .get({ studyId, ...(o.only ? { only: o.only } : {}) }) as [string | null, string, string | null, string | null];
  const threadOfCell = JSON.parse(threads) as number[];
  const monthOfCell = months === null ? null : (JSON.parse(months) as string[]);
  const countOfCell = counts === null ? null : (JSON.parse(counts) as number[]);
  const stratumOfCell =
    strata !== null
      ? (JSON.parse(strata) as string[])
      : o.strata === 'month'
        ? monthOfCell!
        : threadOfCell.map(() => wholePopulation);
  const cells = new Map<string, StratumCells>();
  stratumOfCell.forEach((stratum, i) => {
    const into = cells.get(stratum) ?? { threads: [], months: [], ends: [] };
    if (into.ends.length === 0) cells.set(stratum, into);
    into.threads.push(threadOfCell[i]!);
    into.months.push(monthOfCell?.[i] ?? '');
    into.ends.push((into.ends.at(-1) ?? 0) + (countOfCell?.[i] ?? 1));
  });
  return cells;
}

export interface PostPick {
  threadId: number;
  month: string;
  /** The place among the cell's candidates, by date and id. */
  offset: number;
}

/** The cell holding a stratum's candidate at `rank` (0-based), and the candidate's place in it. */
export function cellAt(cells: StratumCells, rank: number): PostPick {
  let low = 0;
  let high = cells.ends.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cells.ends[mid]! > rank) high = mid;
    else low = mid + 1;
  }
  return { threadId: cells.threads[low]!, month: cells.months[low]!, offset: rank - (cells.ends[low - 1] ?? 0) };
}

/** The post ids of the picks, in their order: each cell's candidates by date and id, at the offset. */
export function postsAtRanks(db: Db, studyId: number, o: CellOptions, picks: readonly PostPick[]): number[] {
  // SQLite's OFFSET cannot name a column, so the statement runs once per pick (a cell holds a few
  // posts; posts_population gives them in date order).
  const at = db
    .prepare(
      `SELECT p.id FROM posts p
       WHERE p.thread_id = @threadId ${postFilter(o)} AND substr(p.created_at, 1, 7) = @month
         AND NOT EXISTS (SELECT 1 FROM units u WHERE u.study_id = @studyId AND u.post_id = p.id)
       ORDER BY p.created_at, p.id LIMIT 1 OFFSET @offset`,
    )
    .pluck();
  const only = o.only ? { only: o.only } : {};
  // Read in thread order, so neighbouring picks share the index's pages; answered in the picks' order.
  const order = picks.map((_, i) => i).sort((a, b) => picks[a]!.threadId - picks[b]!.threadId);
  const ids: number[] = [];
  for (const i of order) {
    const id = at.get({ studyId, ...only, ...picks[i]! });
    if (id === undefined)
      throw new Error(`The kept post counts of thread ${picks[i]!.threadId} disagree with its posts.`);
    ids[i] = id as number;
  }
  return ids;
}

// Counts split by what the forum says about a unit (issue 18 point 4): accepted answers vs other
// posts, or posts by forum staff vs other users. A post unit falls in a group by its post; a thread
// unit by its thread (solved) or by who started it (staff). Read from analysis_facts like the
// counts table, so the two groups of a code add up to its count there.
import { factsWhere, filterParams, type AnalysisFilters } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export const SPLITS = ['accepted', 'staff'] as const;
export type SplitBy = (typeof SPLITS)[number];

// 1 when the unit is in the first group ("yes"), 0 otherwise; needs units u, threads t, posts p.
const inGroup: Record<SplitBy, string> = {
  accepted: 'CASE WHEN u.post_id IS NULL THEN t.solved ELSE p.accepted_answer END',
  staff: `CASE WHEN u.post_id IS NULL
    THEN EXISTS (SELECT 1 FROM posts fp WHERE fp.thread_id = t.id AND fp.post_number = 1 AND fp.author_role IS NOT NULL)
    ELSE p.author_role IS NOT NULL END`,
};

const labels: Record<SplitBy, { post: [string, string]; thread: [string, string] }> = {
  accepted: { post: ['Accepted answers', 'Other posts'], thread: ['Solved threads', 'Other threads'] },
  staff: { post: ['Posts by staff', 'Posts by other users'], thread: ['Started by staff', 'Started by other users'] },
};

const from = `FROM analysis_facts f JOIN units u ON u.id = f.unit_id JOIN threads t ON t.id = f.thread_id
  LEFT JOIN posts p ON p.id = u.post_id WHERE ${factsWhere('f')}`;
const perCode = Object.fromEntries(
  SPLITS.map((by) => [
    by,
    statement<[Record<string, unknown>], [string, number, number, number]>(
      `SELECT f.code_id, ${inGroup[by]} AS g, count(*), count(DISTINCT f.thread_id) ${from} GROUP BY 1, 2`,
      (s) => s.raw(),
    ),
  ]),
) as Record<SplitBy, ReturnType<typeof statement<[Record<string, unknown>], [string, number, number, number]>>>;
const codedPerGroup = Object.fromEntries(
  SPLITS.map((by) => [
    by,
    statement<[Record<string, unknown>], [number, number]>(
      `SELECT ${inGroup[by]} AS g, count(*) ${from} AND f.first = 1 GROUP BY 1`,
      (s) => s.raw(),
    ),
  ]),
) as Record<SplitBy, ReturnType<typeof statement<[Record<string, unknown>], [number, number]>>>;

interface SplitGroup {
  label: string;
  /** Settled units in the group: the denominator of its shares. */
  codedUnits: number;
}

interface SplitCount {
  units: number;
  /** units / the group's coded units (0 when it has none). */
  share: number;
  threads: number;
}

export interface SplitCounts {
  by: SplitBy;
  /** The first group (accepted answers, staff) and the rest. */
  groups: [SplitGroup, SplitGroup];
  /** Per code id (rolled up, as the counts table), the two groups' counts in the order of `groups`. */
  codes: Record<string, [SplitCount, SplitCount]>;
}

/** The study's settled units split in two by `by`; call after ensureFacts. */
export function splitCounts(
  db: Db,
  studyId: number,
  unitKind: 'post' | 'thread',
  by: SplitBy,
  filters: AnalysisFilters,
): SplitCounts {
  const params = filterParams(studyId, filters);
  const coded: [number, number] = [0, 0];
  for (const [g, n] of codedPerGroup[by](db).all(params)) coded[g === 1 ? 0 : 1] += n;
  const codes: SplitCounts['codes'] = {};
  for (const [codeId, g, units, threads] of perCode[by](db).all(params)) {
    if (codeId === '') continue; // units settled without labels: counted in codedUnits only
    codes[codeId] ??= [
      { units: 0, share: 0, threads: 0 },
      { units: 0, share: 0, threads: 0 },
    ];
    const i = g === 1 ? 0 : 1;
    codes[codeId][i] = { units, share: coded[i] ? units / coded[i] : 0, threads };
  }
  const [first, rest] = labels[by][unitKind];
  return {
    by,
    groups: [
      { label: first, codedUnits: coded[0] },
      { label: rest, codedUnits: coded[1] },
    ],
    codes,
  };
}

// The counts table: per code and rolled up the codebook tree, the units with the final label,
// their share of coded units, the distinct threads, a series per period for the sparkline;
// and the same from each coder's own codings before adjudication, those the viewer may see
// (visibility.ts).
import { rollupPaths } from '../label-counts/code-tree.ts';
import { reportedComparison, type ReportedComparison } from '../label-counts/reported-comparison.ts';
import { findTemplate } from './codebook-templates.ts';
import { ensureFacts } from './analysis-facts.ts';
import { factsWhere, filterParams, unitsWhere, type AnalysisFilters } from './analysis-filters.ts';
import { trendData, type NodeSeries, type TrendQuery } from './analysis-trend.ts';
import type { Db } from './open.ts';
import { splitCounts, type SplitBy, type SplitCounts } from './analysis-split.ts';
import { studyUnitKind } from './studies.ts';
import { statement } from './prepared.ts';
import { viewerParams, visibleCodings, withheldRounds } from './visibility.ts';

const threadsPerCode = statement<[Record<string, unknown>], [string, number]>(
  `SELECT code_id, count(DISTINCT thread_id) FROM analysis_facts f WHERE ${factsWhere('f')} GROUP BY code_id`,
  (s) => s.raw(),
);
const codedThreads = statement<[Record<string, unknown>], number>(
  `SELECT count(DISTINCT thread_id) FROM analysis_facts f WHERE ${factsWhere('f')} AND f.first = 1`,
  (s) => s.pluck(),
);

const codingsFrom = `FROM ${visibleCodings} c JOIN units u ON u.id = c.unit_id JOIN rounds r ON r.id = u.round_id
  JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id`;
const codingsWhere = `WHERE ${unitsWhere}`;
const coderTotals = statement<[Record<string, unknown>], { coderId: number; name: string; codedUnits: number }>(
  `SELECT c.coder_id AS coderId, (SELECT display_name FROM users WHERE id = c.coder_id) AS name, count(*) AS codedUnits
   ${codingsFrom} ${codingsWhere} GROUP BY c.coder_id ORDER BY name, c.coder_id`,
);
const coderCounts = statement<[Record<string, unknown>], [number, string, number, number]>(
  `SELECT c.coder_id, COALESCE(a.value, l.code_id), count(DISTINCT u.id), count(DISTINCT u.thread_id)
   ${codingsFrom} JOIN coding_labels l ON l.coding_id = c.id LEFT JOIN json_each(@nodes, '$."' || l.code_id || '"') a ${codingsWhere}
   GROUP BY c.coder_id, 2`,
  (s) => s.raw(),
);

interface CodeCount {
  units: number;
  share: number;
  threads: number;
}

interface CoderCounts {
  coderId: number;
  name: string;
  /** Units this coder coded (with labels or none) that the viewer may see. */
  codedUnits: number;
  codes: Record<string, CodeCount>;
}

export interface CountsReport {
  granularity: TrendQuery['granularity'];
  periods: { key: string; label: string }[];
  codedUnits: number;
  codedThreads: number;
  rows: (Omit<NodeSeries, 'shares' | 'direct'> & CodeCount & { directUnits: number })[];
  coders: CoderCounts[];
  /** Rounds the viewer codes in while they are open and blind: nothing here comes from others' codings of them. */
  withheld: { id: number; name: string }[];
  /** Our counts beside those the codebook's template reports; null when it reports none. */
  reported: ReportedComparison | null;
  /** The counts split in two (accepted answers vs other posts, staff vs other users), when asked for. */
  split: SplitCounts | null;
}

function perCoder(db: Db, studyId: number, viewerId: number, filters: AnalysisFilters, nodes: string): CoderCounts[] {
  const params = { ...filterParams(studyId, filters), ...viewerParams({ operator: false, userId: viewerId }), nodes };
  const coders = coderTotals(db)
    .all(params)
    .map((c) => ({ ...c, codes: {} as Record<string, CodeCount> }));
  const byId = new Map(coders.map((c) => [c.coderId, c]));
  for (const [coderId, codeId, units, threads] of coderCounts(db).all(params)) {
    const coder = byId.get(coderId)!;
    coder.codes[codeId] = { units, share: units / coder.codedUnits, threads };
  }
  return coders;
}

export function countsReport(
  db: Db,
  studyId: number,
  viewerId: number,
  q: TrendQuery & { split?: SplitBy | undefined },
): CountsReport {
  const { codebook } = ensureFacts(db, studyId);
  const data = trendData(db, studyId, q);
  const params = filterParams(studyId, q);
  const threads = new Map(threadsPerCode(db).all(params));
  const codedUnits = data.codedUnits.reduce((a, b) => a + b, 0);
  const units = new Map(data.nodes.map((n) => [n.id, n.total]));
  return {
    granularity: data.granularity,
    periods: data.periods.map(({ key, label }) => ({ key, label })),
    codedUnits,
    codedThreads: codedThreads(db).get(params) ?? 0,
    rows: data.nodes.map(({ shares: _shares, direct: _direct, ...n }) => ({
      ...n,
      units: n.total,
      directUnits: n.directTotal,
      share: codedUnits ? n.total / codedUnits : 0,
      threads: threads.get(n.id) ?? 0,
    })),
    coders: perCoder(db, studyId, viewerId, q, JSON.stringify(rollupPaths(codebook.codes))),
    withheld: withheldRounds(db, studyId, { operator: false, userId: viewerId }),
    reported: reportedComparison(findTemplate(codebook.templateId), codebook, units),
    split: q.split ? splitCounts(db, studyId, studyUnitKind(db, studyId), q.split, q) : null,
  };
}

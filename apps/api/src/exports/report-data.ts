// Everything the methods-and-results report says, gathered once for its Markdown and HTML
// forms: the sample and how it was drawn, coders and rounds, agreement with bootstrap
// intervals (db/agreement.ts), the taxonomy with final-label counts and the trends with their
// tests (db/analysis-trend.ts). Numbers stay unrounded here; the renderers format them.
import { preorder, type Code } from '@threadcoder/taxonomy';
import type { Granularity } from '../label-counts/periods.ts';
import { reportedComparison, type ReportedComparison } from '../label-counts/reported-comparison.ts';
import { finalLabelSummary } from '../db/adjudication-summary.ts';
import { findTemplate } from '../db/codebook-templates.ts';
import { agreementSummary, type AgreementSummary } from '../db/agreement.ts';
import { trendReport, type TrendReport } from '../db/analysis-trend.ts';
import type { Db } from '../db/open.ts';
import { progress, type CoderProgress } from '../db/progress.ts';
import { listRounds, type Round } from '../db/rounds.ts';
import { getSelection, type Selection } from '../db/selection.ts';
import { listMembers, type Member } from '../db/studies.ts';
import type { Viewer } from './access.ts';
import type { StudyInfo } from './study-info.ts';

/** Intervals are 95% bootstrap percentile intervals over units, from a fixed seed so a report can be reproduced. */
export const REPORT_BOOTSTRAP = { resamples: 1000, seed: 1 } as const;

/** One draw of units into a round, as studies.sampling_json records it (fields vary by version). */
export interface Draw {
  roundId?: number;
  size?: number;
  seed?: string;
  strata?: string;
  overlap?: number;
  population?: number;
  strataCounts?: { stratum: string; population: number; sampled: number }[];
  coderIds?: number[];
  at?: string;
  method?: string;
  note?: string;
}

interface TaxonomyRow {
  code: Code;
  depth: number;
  path: string;
  /** Settled units carrying the code or one below it, and the code itself. */
  units: number;
  direct: number;
  /** units / coded units; null when nothing is coded yet. */
  share: number | null;
}

export interface ReportData {
  study: StudyInfo;
  generatedAt: string;
  granularity: Granularity;
  selection: Selection;
  draws: Draw[];
  units: number;
  rounds: Round[];
  members: Member[];
  progress: CoderProgress[];
  finals: ReturnType<typeof finalLabelSummary>;
  agreement: AgreementSummary;
  /** null before the study has a codebook. */
  taxonomy: TaxonomyRow[] | null;
  codedUnits: number;
  trend: TrendReport | null;
  /** Our counts beside those the codebook's template reports; null when it reports none. */
  reported: ReportedComparison | null;
}

function draws(db: Db, studyId: number): Draw[] {
  try {
    const json = JSON.parse(
      db.prepare('SELECT sampling_json FROM studies WHERE id = ?').pluck().get(studyId) as string,
    ) as { draws?: unknown };
    return Array.isArray(json.draws) ? (json.draws.filter((d) => d && typeof d === 'object') as Draw[]) : [];
  } catch {
    return [];
  }
}

export function reportData(
  db: Db,
  study: StudyInfo,
  viewer: Viewer,
  granularity: Granularity,
  now = new Date(),
): ReportData {
  const trend = study.codebook ? trendReport(db, study.id, { granularity }) : null;
  const codedUnits = trend ? trend.codedUnits.reduce((a, b) => a + b, 0) : 0;
  const byNode = new Map(trend?.nodes.map((n) => [n.id, n]) ?? []);
  const taxonomy = study.codebook
    ? preorder(study.codebook.codes).map((code) => {
        const node = byNode.get(code.id);
        const units = node?.total ?? 0;
        return {
          code,
          depth: node?.depth ?? 0,
          path: study.codePath(code.id),
          units,
          direct: node?.directTotal ?? 0,
          share: codedUnits ? units / codedUnits : null,
        };
      })
    : null;
  return {
    study,
    generatedAt: now.toISOString(),
    granularity,
    selection: getSelection(db, study.id),
    draws: draws(db, study.id),
    units: db.prepare('SELECT count(*) FROM units WHERE study_id = ?').pluck().get(study.id) as number,
    rounds: listRounds(db, study.id),
    members: listMembers(db, study.id),
    progress: progress(db, study.id, viewer),
    finals: finalLabelSummary(db, study.id),
    agreement: agreementSummary(db, study.id, viewer, {
      bootstrap: REPORT_BOOTSTRAP.resamples,
      seed: REPORT_BOOTSTRAP.seed,
    }),
    taxonomy,
    codedUnits,
    trend,
    reported: study.codebook
      ? reportedComparison(
          findTemplate(study.codebook.templateId),
          study.codebook,
          new Map([...byNode].map(([id, n]) => [id, n.total])),
        )
      : null,
  };
}

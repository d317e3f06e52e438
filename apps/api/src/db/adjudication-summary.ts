import type { AdjudicationStatus } from './adjudication-queue.ts';
import type { Db } from './open.ts';

interface FinalLabelCount {
  codeId: string;
  /** From the study's pinned codebook version; null for a code it no longer has. */
  name: string | null;
  dimension: string | null;
  agreement: number;
  adjudication: number;
  total: number;
}

export interface FinalLabelSummary {
  codes: FinalLabelCount[];
  /** Units with at least one final label. */
  units: number;
  adjudications: Record<AdjudicationStatus, number>;
}

/** Counts of final labels per code (by origin) and of adjudications per status: a quick check, not the analysis. */
export function finalLabelSummary(db: Db, studyId: number): FinalLabelSummary {
  const codes = db
    .prepare(
      `SELECT f.code_id AS codeId, k.name, k.dimension, sum(f.origin = 'agreement') AS agreement,
         sum(f.origin = 'adjudication') AS adjudication, count(*) AS total
       FROM final_labels f JOIN units u ON u.id = f.unit_id JOIN studies s ON s.id = u.study_id
       LEFT JOIN codes k ON k.version_id = s.codebook_version_id AND k.id = f.code_id
       WHERE u.study_id = ? GROUP BY f.code_id ORDER BY total DESC, f.code_id`,
    )
    .all(studyId) as FinalLabelCount[];
  const units = db
    .prepare(
      'SELECT count(DISTINCT f.unit_id) FROM final_labels f JOIN units u ON u.id = f.unit_id WHERE u.study_id = ?',
    )
    .pluck()
    .get(studyId) as number;
  const adjudications: Record<AdjudicationStatus, number> = { open: 0, settled: 0, reopened: 0 };
  const statuses = db
    .prepare(
      'SELECT a.status, count(*) AS n FROM adjudications a JOIN units u ON u.id = a.unit_id WHERE u.study_id = ? GROUP BY a.status',
    )
    .all(studyId) as { status: AdjudicationStatus; n: number }[];
  for (const s of statuses) adjudications[s.status] = s.n;
  return { codes, units, adjudications };
}

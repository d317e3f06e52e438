// "Most uncertain first" a page at a time: each unit's uncertainty is stored once per model version
// and unit revision (migrations 032, 034, 037), so a page of the coder's units in that order is one SQL
// query (db/units.ts) rather than scoring and sending the whole list. A ranking keeps the model
// version it began with, so a retraining between its pages neither repeats nor skips a unit.
import type { Db } from '../db/open.ts';
import { currentUnitRevisionSql } from '../db/revisions.ts';
import { scoredUnitSql } from '../db/units.ts';
import { viewerParams, visibleCodings } from '../db/visibility.ts';
import { writeTransaction } from '../db/write-transaction.ts';
import { AppError } from '../http/errors.ts';
import { loadScorer, type Scorer } from './model-store.ts';
import { isPinned, pinRanking } from './ranking-pins.ts';
import { retrainPending, scheduleRetrain } from './retrain.ts';
import { uncertainty } from './uncertainty.ts';
import { unitColumnsSql, type UnitForModel } from './unit-text.ts';

/**
 * One ranking of a coder's units, as the coding screen walks it: units the coder had coded at
 * `rankedAt` come last in round order; the others first, most uncertain first under the model
 * version (ties and units without a score by position). A unit coded after `rankedAt` keeps its
 * place, so the pages of one ranking fit together while the coder works.
 */
export interface Ranking {
  rankedAt: string;
  /** The model version the ranking follows to its end; null while the study had no model: the round's order. */
  modelVersion: number | null;
  /** The study's model now: when it differs from `modelVersion`, a fresh ranking would follow a retrained model. */
  latestModelVersion: number | null;
}

/** What a page names of the ranking it belongs to: the `rankedAt` and `modelVersion` of the ranking's first answer. */
export type BegunRanking = Pick<Ranking, 'rankedAt'> & { modelVersion: number };

/**
 * Stores the model's uncertainty about the coder's uncoded units in the round that have no score
 * under its version, as scored at `scoredAt` (a ranking begun earlier leaves them out: units.ts).
 */
export function scoreUncoded(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  model: Scorer,
  scoredAt: string,
): void {
  const rows = db
    .prepare(
      `SELECT u.id AS unitId, ${currentUnitRevisionSql} AS revision, ${unitColumnsSql}
       FROM assignments a JOIN units u ON u.id = a.unit_id JOIN threads t ON t.id = u.thread_id
         LEFT JOIN ${scoredUnitSql('@version')}
       WHERE u.study_id = @studyId AND u.round_id = @roundId AND a.user_id = @viewerId AND uu.unit_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id)`,
    )
    .all({
      studyId,
      roundId,
      version: model.version,
      ...viewerParams({ operator: false, userId: coderId }),
    }) as (UnitForModel & {
    unitId: number;
    revision: number;
  })[];
  if (rows.length === 0) return;
  const put = db.prepare(
    `INSERT INTO unit_uncertainty (unit_id, model_version, study_id, revision, uncertainty, scored_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (unit_id, model_version) DO UPDATE SET revision = excluded.revision, uncertainty = excluded.uncertainty,
       scored_at = excluded.scored_at`,
  );
  // Scored before the write lock is taken: scoring thousands of units takes long, and saves wait on the lock.
  const scored = rows.map((r) => [r.unitId, r.revision, uncertainty(model.scores(r))] as const);
  writeTransaction(db, () => {
    for (const [unitId, revision, score] of scored) put.run(unitId, model.version, studyId, revision, score, scoredAt);
  });
}

/**
 * The ranking a page or summary is read in: the one `begun` earlier, or a new one from now (which
 * replaces the coder's earlier ranking in the round; units scored first). A study never trained is
 * trained now (the screen asks again until it has a model).
 */
export function rankingFor(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  begun: BegunRanking | undefined,
): Ranking {
  const model = loadScorer(db, studyId);
  if (!model && !retrainPending(db, studyId)) scheduleRetrain(db, studyId);
  const latestModelVersion = model?.version ?? null;
  if (begun) {
    // Nothing is scored for a ranking begun: it reads only scores from before it began (units.ts),
    // so a unit drawn since comes after the units it placed instead of moving them.
    if (begun.modelVersion !== model?.version && !isPinned(db, roundId, coderId, begun.modelVersion))
      throw rankingReplaced(begun.modelVersion);
    return { ...begun, latestModelVersion };
  }
  const ranking = { rankedAt: new Date().toISOString(), modelVersion: latestModelVersion, latestModelVersion };
  if (model) scoreUncoded(db, studyId, roundId, coderId, model, ranking.rankedAt);
  pinRanking(
    db,
    { studyId, roundId, coderId, rankedAt: ranking.rankedAt, modelVersion: ranking.modelVersion },
    latestModelVersion,
  );
  return ranking;
}

const rankingReplaced = (version: number) =>
  new AppError(
    'suggestions.ranking_replaced',
    409,
    `Your ranking in model version ${version}'s order is not kept: you have ranked your units again since (in another tab?), or no ranking of yours in this round began with that version. Rank them again.`,
    { field: 'modelVersion' },
  );

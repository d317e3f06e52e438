// The review list: labels a codebook split took off a coding (or off a unit's final labels)
// when the study moved to a newer version. An item is open until its coder chooses among
// the parts here, or codes the unit again; a final-labels item until the adjudicator
// chooses here or settles the unit again. Coders see only their own items (the study may
// be blind); owners see how many each coder has open, and the final-labels items.
import { checkLabels, type Mapping } from '@threadcoder/taxonomy';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { audit } from './audit.ts';
import { unwrapResult } from './codebook-issues.ts';
import type { Db } from './open.ts';
import { cachedVersion, studyCodingSettings } from './pinned-codebook.ts';
import type { StudyRole } from './studies.ts';
import { writeTransaction } from './write-transaction.ts';

/** Open: not chosen here, and not coded (or settled) again since the item was raised. */
const OPEN = `r.resolved_at IS NULL AND NOT EXISTS (
    SELECT 1 FROM codings c WHERE r.coder_id IS NOT NULL AND c.unit_id = r.unit_id AND c.coder_id = r.coder_id AND c.updated_at > r.created_at)
  AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE r.coder_id IS NULL AND a.unit_id = r.unit_id AND a.settled_at > r.created_at)`;

export interface NewReview {
  studyId: number;
  unitId: number;
  coderId: number | null;
  label: string;
  labelName: string;
  choices: string[];
  versionId: number;
  at: string;
}

export function addReview(db: Db, r: NewReview): void {
  db.prepare(
    `INSERT INTO codebook_reviews (study_id, unit_id, coder_id, label, label_name, choices_json, version_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.studyId, r.unitId, r.coderId, r.label, r.labelName, JSON.stringify(r.choices), r.versionId, r.at);
}

/**
 * Carries open items to the version the study moves to: their choices follow the mappings
 * (a merged part is renamed, a split part widens the choice). An item left with one choice
 * is no choice: that code goes back on the coding or the final labels. Returns how many resolved.
 */
export function advanceOpenReviews(
  db: Db,
  studyId: number,
  mappingsAfter: (versionId: number) => Mapping[],
  targetId: number,
  at: string,
): number {
  const open = db
    .prepare(
      `SELECT r.id, r.unit_id AS unitId, r.coder_id AS coderId, r.choices_json AS choices, r.version_id AS versionId FROM codebook_reviews r WHERE r.study_id = ? AND r.version_id <> ? AND ${OPEN}`,
    )
    .all(studyId, targetId) as {
    id: number;
    unitId: number;
    coderId: number | null;
    choices: string;
    versionId: number;
  }[];
  let resolved = 0;
  for (const item of open) {
    let choices = JSON.parse(item.choices) as string[];
    for (const m of mappingsAfter(item.versionId))
      choices = [...new Set(choices.flatMap((id) => (m.from.includes(id) ? m.to : [id])))];
    if (choices.length === 1) {
      applyChoice(db, item.unitId, item.coderId, choices);
      db.prepare('UPDATE codebook_reviews SET choices_json = ?, version_id = ?, resolved_at = ? WHERE id = ?').run(
        JSON.stringify(choices),
        targetId,
        at,
        item.id,
      );
      resolved += 1;
    } else {
      db.prepare('UPDATE codebook_reviews SET choices_json = ?, version_id = ? WHERE id = ?').run(
        JSON.stringify(choices),
        targetId,
        item.id,
      );
    }
  }
  return resolved;
}

function applyChoice(db: Db, unitId: number, coderId: number | null, codeIds: readonly string[]): void {
  if (coderId === null) {
    const add = db.prepare(
      "INSERT OR IGNORE INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'adjudication')",
    );
    for (const id of codeIds) add.run(unitId, id);
    return;
  }
  const codingId = db
    .prepare('SELECT id FROM codings WHERE unit_id = ? AND coder_id = ?')
    .pluck()
    .get(unitId, coderId) as number | undefined;
  if (codingId === undefined) return;
  const add = db.prepare('INSERT OR IGNORE INTO coding_labels (coding_id, code_id) VALUES (?, ?)');
  for (const id of codeIds) add.run(codingId, id);
  // The coder's open tabs hold the labels before this choice: their next save must not undo it unseen.
  db.prepare('UPDATE codings SET version = version + 1 WHERE id = ?').run(codingId);
}

interface RawItem {
  id: number;
  unitId: number;
  coderId: number | null;
  coderName: string | null;
  label: string;
  labelName: string;
  choices: string;
  versionId: number;
  createdAt: string;
  threadId: number;
  threadTitle: string;
  postId: number | null;
  postNumber: number | null;
}

const selectItems = `SELECT r.id, r.unit_id AS unitId, r.coder_id AS coderId, usr.display_name AS coderName, r.label, r.label_name AS labelName,
    r.choices_json AS choices, r.version_id AS versionId, r.created_at AS createdAt, u.thread_id AS threadId, t.title AS threadTitle,
    u.post_id AS postId, p.post_number AS postNumber
  FROM codebook_reviews r JOIN units u ON u.id = r.unit_id JOIN threads t ON t.id = u.thread_id
  LEFT JOIN posts p ON p.id = u.post_id LEFT JOIN users usr ON usr.id = r.coder_id
  WHERE r.study_id = @studyId AND ${OPEN}`;

function toItem(db: Db, { choices, versionId, ...row }: RawItem) {
  const codes = cachedVersion(db, versionId).codes;
  const ids = JSON.parse(choices) as string[];
  return { ...row, choices: ids.map((id) => ({ id, name: codes.find((c) => c.id === id)?.name ?? id })) };
}

/** The open items `userId` may see in the study, by the roles they hold. */
export function listReviews(db: Db, studyId: number, userId: number, roles: readonly StudyRole[]) {
  const mine = (
    db
      .prepare(`${selectItems} AND r.coder_id = @userId ORDER BY u.round_id, u.position, r.id`)
      .all({ studyId, userId }) as RawItem[]
  ).map((r) => toItem(db, r));
  const seesFinals = roles.includes('owner') || roles.includes('adjudicator');
  const finals = seesFinals
    ? (
        db
          .prepare(`${selectItems} AND r.coder_id IS NULL ORDER BY u.round_id, u.position, r.id`)
          .all({ studyId }) as RawItem[]
      ).map((r) => toItem(db, r))
    : [];
  const byCoder = roles.includes('owner')
    ? (db
        .prepare(`SELECT r.coder_id AS coderId, usr.display_name AS coderName, count(*) AS open FROM codebook_reviews r
         JOIN users usr ON usr.id = r.coder_id WHERE r.study_id = @studyId AND ${OPEN} GROUP BY r.coder_id ORDER BY usr.display_name`)
        .all({ studyId }) as { coderId: number; coderName: string; open: number }[])
    : [];
  return { mine, finals, byCoder };
}

/**
 * The coder (or, for final labels, an adjudicator) chooses which parts apply (none is a
 * valid answer); the chosen codes join the coding or the final labels, audited.
 */
export function resolveReview(
  db: Db,
  studyId: number,
  reviewId: number,
  codeIds: string[],
  userId: number,
  roles: readonly StudyRole[],
): void {
  writeTransaction(db, () => {
    const row = db
      .prepare(`SELECT r.*, (${OPEN}) AS open FROM codebook_reviews r WHERE r.id = ? AND r.study_id = ?`)
      .get(reviewId, studyId) as
      | { unit_id: number; coder_id: number | null; label: string; choices_json: string; open: number }
      | undefined;
    if (!row) throw notFound('The review item');
    if (row.coder_id === null ? !roles.includes('adjudicator') : row.coder_id !== userId) {
      throw forbidden(
        row.coder_id === null
          ? 'Only an adjudicator chooses final labels.'
          : 'Only the coder who made this coding can choose for it.',
      );
    }
    if (!row.open) throw new AppError('codebook.review_closed', 409, 'This item was already resolved.');
    const choices = JSON.parse(row.choices_json) as string[];
    const stray = codeIds.findIndex((id) => !choices.includes(id));
    if (stray !== -1) {
      throw new AppError(
        'codebook.review_choice',
        400,
        `"${codeIds[stray]}" is not one of the parts to choose from: ${choices.join(', ')}.`,
        { field: `codeIds[${stray}]` },
      );
    }
    const settings = studyCodingSettings(db, studyId);
    const current = (
      row.coder_id === null
        ? db.prepare('SELECT code_id FROM final_labels WHERE unit_id = ? ORDER BY code_id').pluck().all(row.unit_id)
        : db
            .prepare(
              'SELECT l.code_id FROM coding_labels l JOIN codings c ON c.id = l.coding_id WHERE c.unit_id = ? AND c.coder_id = ? ORDER BY l.code_id',
            )
            .pluck()
            .all(row.unit_id, row.coder_id)
    ) as string[];
    const next = [...new Set([...current, ...codeIds])];
    unwrapResult(checkLabels(settings.codebook, next, settings.labelMode));
    applyChoice(db, row.unit_id, row.coder_id, codeIds);
    const at = new Date().toISOString();
    db.prepare('UPDATE codebook_reviews SET resolved_by = ?, resolved_at = ? WHERE id = ?').run(userId, at, reviewId);
    audit(
      db,
      {
        userId,
        studyId,
        action: row.coder_id === null ? 'final_labels.review' : 'coding.review',
        entity: 'unit',
        entityId: row.unit_id,
        before: { codeIds: current, review: { label: row.label, choices } },
        after: { codeIds: next },
      },
      at,
    );
  });
}

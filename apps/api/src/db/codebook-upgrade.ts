// Moving a study to a newer version of its codebook. Every coding (and every unit's final
// labels) follows the merge/split mappings recorded between the version it was made with
// and the new one (migrateLabels): a merge is followed automatically; a split takes the old
// label off and puts the unit on the review list for its coder (final labels: for the
// adjudicator). Open review items from earlier moves follow the mappings too. Everything
// happens in one transaction with an audit row per rewritten coding, so the study never
// codes with one version while its labels belong to another.
import { migrateLabels, type Mapping } from '@threadcoder/taxonomy';
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { addReview, advanceOpenReviews } from './codebook-reviews.ts';
import { studyLineage, versionIdOf } from './codebooks.ts';
import type { Db } from './open.ts';
import { cachedVersion } from './pinned-codebook.ts';
import { writeTransaction } from './write-transaction.ts';

export interface UpgradeReport {
  fromVersion: number;
  toVersion: number;
  /** Codings now made with the new version. */
  codings: number;
  /** Codings (and units' final labels) whose labels were rewritten. */
  rewritten: number;
  /** New review items: labels a split left for a person to choose. */
  reviews: number;
}

interface LabelRow {
  codeId: string;
  quote: string | null;
  start: number | null;
  end: number | null;
}

export function upgradeStudy(db: Db, studyId: number, toVersion: number, userId: number): UpgradeReport {
  return writeTransaction(db, () => {
    const lineage = studyLineage(db, studyId);
    if (toVersion <= lineage.pinnedVersion) {
      throw new AppError(
        'codebook.not_newer',
        409,
        `The study already codes with version ${lineage.pinnedVersion}; choose a newer version.`,
        { field: 'toVersion' },
      );
    }
    const targetId = versionIdOf(db, lineage.codebookId, toVersion);
    const steps = (
      db
        .prepare('SELECT id, version, mapping_json AS m FROM codebook_versions WHERE codebook_id = ? ORDER BY version')
        .all(lineage.codebookId) as {
        id: number;
        version: number;
        m: string;
      }[]
    ).map((s) => ({ ...s, mappings: JSON.parse(s.m) as Mapping[] }));
    const versionOf = new Map(steps.map((s) => [s.id, s.version]));
    const mappingsAfter = (version: number) =>
      steps.filter((s) => s.version > version && s.version <= toVersion).flatMap((s) => s.mappings);
    const at = new Date().toISOString();
    const report: UpgradeReport = {
      fromVersion: lineage.pinnedVersion,
      toVersion,
      codings: 0,
      rewritten: 0,
      reviews: 0,
    };
    const nameIn = (versionId: number, id: string) =>
      cachedVersion(db, versionId).codes.find((c) => c.id === id)?.name ?? id;

    const codings = db
      .prepare(
        'SELECT c.id, c.unit_id AS unitId, c.coder_id AS coderId, c.version_id AS versionId FROM codings c JOIN units u ON u.id = c.unit_id WHERE u.study_id = ? AND c.version_id <> ?',
      )
      .all(studyId, targetId) as { id: number; unitId: number; coderId: number; versionId: number }[];
    const labelsOf = db.prepare(
      'SELECT code_id AS codeId, quote, quote_start AS start, quote_end AS end FROM coding_labels WHERE coding_id = ? ORDER BY code_id',
    );
    const dropLabels = db.prepare('DELETE FROM coding_labels WHERE coding_id = ?');
    const addLabel = db.prepare(
      'INSERT INTO coding_labels (coding_id, code_id, quote, quote_start, quote_end) VALUES (?, ?, ?, ?, ?)',
    );
    // A new version of the coding: a tab still holding the old labels must not save over the migrated ones.
    const repin = db.prepare('UPDATE codings SET version_id = ?, version = version + 1 WHERE id = ?');
    for (const coding of codings) {
      // A coding from another lineage (none should exist) is treated as made with the pinned version.
      const from = versionOf.get(coding.versionId) ?? lineage.pinnedVersion;
      const before = labelsOf.all(coding.id) as LabelRow[];
      const moved = carry(before, mappingsAfter(from));
      repin.run(targetId, coding.id);
      report.codings += 1;
      if (!moved.changed) continue;
      dropLabels.run(coding.id);
      for (const l of moved.labels) addLabel.run(coding.id, l.codeId, l.quote, l.start, l.end);
      for (const r of moved.review)
        addReview(db, {
          studyId,
          unitId: coding.unitId,
          coderId: coding.coderId,
          label: r.label,
          labelName: nameIn(coding.versionId, r.label),
          choices: r.choices,
          versionId: targetId,
          at,
        });
      report.reviews += moved.review.length;
      report.rewritten += 1;
      audit(
        db,
        {
          userId,
          studyId,
          action: 'coding.migrate',
          entity: 'coding',
          entityId: coding.id,
          before: { version: from, codeIds: before.map((l) => l.codeId) },
          after: { version: toVersion, codeIds: moved.labels.map((l) => l.codeId), review: moved.review },
        },
        at,
      );
    }

    // Final labels are made from codings of the pinned version.
    const finals = db
      .prepare(
        'SELECT f.unit_id AS unitId, f.code_id AS codeId, f.origin FROM final_labels f JOIN units u ON u.id = f.unit_id WHERE u.study_id = ? ORDER BY f.unit_id, f.code_id',
      )
      .all(studyId) as { unitId: number; codeId: string; origin: string }[];
    const byUnit = new Map<number, typeof finals>();
    for (const f of finals) byUnit.set(f.unitId, [...(byUnit.get(f.unitId) ?? []), f]);
    const dropFinals = db.prepare('DELETE FROM final_labels WHERE unit_id = ?');
    const addFinal = db.prepare('INSERT OR IGNORE INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, ?)');
    const mappings = mappingsAfter(lineage.pinnedVersion);
    for (const [unitId, rows] of byUnit) {
      const moved = carry(
        rows.map((r) => ({ codeId: r.codeId, quote: r.origin, start: null, end: null })),
        mappings,
      );
      if (!moved.changed) continue;
      dropFinals.run(unitId);
      for (const l of moved.labels) addFinal.run(unitId, l.codeId, l.quote ?? rows[0]!.origin);
      for (const r of moved.review)
        addReview(db, {
          studyId,
          unitId,
          coderId: null,
          label: r.label,
          labelName: nameIn(lineage.pinnedVersionId, r.label),
          choices: r.choices,
          versionId: targetId,
          at,
        });
      report.reviews += moved.review.length;
      report.rewritten += 1;
      audit(
        db,
        {
          userId,
          studyId,
          action: 'final_labels.migrate',
          entity: 'unit',
          entityId: unitId,
          before: { version: lineage.pinnedVersion, codeIds: rows.map((r) => r.codeId) },
          after: { version: toVersion, codeIds: moved.labels.map((l) => l.codeId), review: moved.review },
        },
        at,
      );
    }

    // Items left open by earlier moves follow too; their labels are already off the codings.
    report.rewritten += advanceOpenReviews(
      db,
      studyId,
      (versionId) => mappingsAfter(versionOf.get(versionId) ?? lineage.pinnedVersion),
      targetId,
      at,
    );
    db.prepare('UPDATE studies SET codebook_version_id = ? WHERE id = ?').run(targetId, studyId);
    audit(
      db,
      {
        userId,
        studyId,
        action: 'codebook.upgrade',
        entity: 'study',
        entityId: studyId,
        before: { version: lineage.pinnedVersion },
        after: { ...report },
      },
      at,
    );
    return report;
  });
}

/**
 * The labels after the mappings, each carrying the quote (or, for final labels, the origin)
 * of the label it came from; a merged label keeps the first quote that reaches it.
 */
function carry(labels: readonly LabelRow[], mappings: readonly Mapping[]) {
  const result = migrateLabels(
    labels.map((l) => l.codeId),
    mappings,
  );
  const out: LabelRow[] = result.labels.map((codeId) => ({
    ...(labels.find((l) => l.codeId === codeId) ?? { quote: null, start: null, end: null }),
    codeId,
  }));
  for (const old of labels) {
    if (old.quote === null || result.labels.includes(old.codeId)) continue;
    const target = out.find((l) => l.quote === null && migrateLabels([old.codeId], mappings).labels.includes(l.codeId));
    if (target) Object.assign(target, { quote: old.quote, start: old.start, end: old.end });
  }
  const same = (a: readonly LabelRow[], b: readonly LabelRow[]) =>
    JSON.stringify([...a].sort(byId)) === JSON.stringify([...b].sort(byId));
  return { labels: out, review: result.review, changed: result.needsReview || !same(labels, out) };
}

const byId = (a: LabelRow, b: LabelRow) => (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0);

// Keeps a study's analysis_facts and analysis_months current (see 004_analysis.sql). The first
// request after the study is analysed, or moves to another codebook version, builds them in
// full; afterwards the triggers list the units that changed and only those are redone, with
// the summary months they touch. Every analysis request then reads prepared rows instead of
// joining final_labels → units → posts/threads for each label.
import { rollupPaths } from '../label-counts/code-tree.ts';
import type { Db } from './open.ts';
import { daySql, monthSql, unitDateSql } from './analysis-filters.ts';
import { studyCodingSettings, type StudyCodingSettings } from './pinned-codebook.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

const builtVersion = statement<[number], number>('SELECT version_id FROM analysis_built WHERE study_id = ?', (s) =>
  s.pluck(),
);
const staleCount = statement<[number], number>('SELECT count(*) FROM analysis_stale_units WHERE study_id = ?', (s) =>
  s.pluck(),
);
const unitCount = statement<[number], number>('SELECT count(*) FROM units WHERE study_id = ?', (s) => s.pluck());

// Which units to (re)build: all of the study's, or only those the triggers listed (two
// statements, so each gets its own plan: a scan of the study, or lookups of the listed units).
const allUnits = 'u.study_id = @studyId';
const listedUnits =
  'u.id IN (SELECT unit_id FROM analysis_stale_units WHERE study_id = @studyId) AND u.study_id = @studyId';
const unitColumns = `${monthSql(unitDateSql)} AS month, ${daySql(unitDateSql)} AS day, u.id AS unit_id, u.round_id, u.thread_id`;

// A unit with final labels is settled. One without is settled too when its adjudication was
// settled with no labels, or when it was handed over with every assigned coder agreeing on none
// (what hand-over.ts decides: handed over, and no adjudication).
const settledWithoutLabels = `NOT EXISTS (SELECT 1 FROM final_labels f WHERE f.unit_id = u.id) AND (
  EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id AND a.status = 'settled')
  OR (u.handed_over_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id)))`;

// Each final label becomes a row for its code (direct) and one for each code above it (json
// path of @nodes, see code-tree.ts); two labels under one category meet in the same row, where
// the upsert keeps it direct if either was. `first` goes to the unit's first label only.
const insertFactsSql = (inScope: string) => `
  INSERT INTO analysis_facts (study_id, month, code_id, unit_id, day, round_id, thread_id, direct, first)
  SELECT @studyId, x.month, COALESCE(a.value, x.code_id), x.unit_id, x.day, x.round_id, x.thread_id,
    COALESCE(a.key, 0) = 0 AND x.code_id <> '', COALESCE(a.key, 0) = 0 AND x.fl
  FROM (
    SELECT ${unitColumns}, f.code_id, row_number() OVER (PARTITION BY f.unit_id ORDER BY f.code_id) = 1 AS fl
    FROM units u JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id JOIN final_labels f ON f.unit_id = u.id
    WHERE ${inScope}
    UNION ALL
    SELECT ${unitColumns}, '', 1
    FROM units u JOIN rounds r ON r.id = u.round_id JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id
    WHERE ${inScope} AND ${settledWithoutLabels}
  ) x LEFT JOIN json_each(@nodes, '$."' || x.code_id || '"') a
  WHERE true
  ON CONFLICT (study_id, month, code_id, unit_id) DO UPDATE SET direct = max(direct, excluded.direct), first = max(first, excluded.first)`;
const insertAllFacts = statement(insertFactsSql(allUnits));
const insertListedFacts = statement(insertFactsSql(listedUnits));

// Facts of listed units (unit ids are unique across studies: the unit index finds them).
const listedFacts =
  'SELECT * FROM analysis_facts WHERE unit_id IN (SELECT unit_id FROM analysis_stale_units WHERE study_id = @studyId)';
const deleteListedFacts = statement(
  'DELETE FROM analysis_facts WHERE unit_id IN (SELECT unit_id FROM analysis_stale_units WHERE study_id = @studyId)',
);
const summarizeAll = statement(`INSERT INTO analysis_months (study_id, month, code_id, round_id, units, direct, firsts)
  SELECT study_id, month, code_id, round_id, count(*), sum(direct), sum(first) FROM analysis_facts WHERE study_id = @studyId
  GROUP BY month, code_id, round_id`);
// The listed units' rows are taken out of the monthly sums before their facts are redone, and
// the new rows added after: a few hundred row updates instead of re-summing whole months.
const subtractListed =
  statement(`UPDATE analysis_months AS m SET units = m.units - x.n, direct = m.direct - x.d, firsts = m.firsts - x.f
  FROM (SELECT month, code_id, round_id, count(*) AS n, sum(direct) AS d, sum(first) AS f FROM (${listedFacts}) GROUP BY month, code_id, round_id) x
  WHERE m.study_id = @studyId AND m.month = x.month AND m.code_id = x.code_id AND m.round_id = x.round_id`);
const addListed = statement(`INSERT INTO analysis_months (study_id, month, code_id, round_id, units, direct, firsts)
  SELECT @studyId, month, code_id, round_id, count(*), sum(direct), sum(first) FROM (${listedFacts}) GROUP BY month, code_id, round_id
  ON CONFLICT (study_id, month, code_id, round_id) DO UPDATE SET units = units + excluded.units, direct = direct + excluded.direct, firsts = firsts + excluded.firsts`);
const dropEmptyMonths = statement('DELETE FROM analysis_months WHERE study_id = @studyId AND units = 0');

/** Makes sure the study's facts match its final labels and pinned codebook; returns the coding settings used. */
export function ensureFacts(db: Db, studyId: number): StudyCodingSettings {
  const settings = studyCodingSettings(db, studyId);
  const built = builtVersion(db).get(studyId);
  if (built === settings.versionId && staleCount(db).get(studyId) === 0) return settings;
  // IMMEDIATE: take the write lock before reading, so a label saved meanwhile by another
  // connection lands either before this reads or in the stale list for the next request.
  writeTransaction(db, () => {
    const nodes = JSON.stringify(rollupPaths(settings.codebook.codes));
    const stale = staleCount(db).get(studyId)!;
    // Redoing a few units is cheap; past a fifth of the study a full build is quicker.
    if (built === settings.versionId && stale * 5 < unitCount(db).get(studyId)!) refreshUnits(db, studyId, nodes);
    else rebuild(db, studyId, settings.versionId, nodes);
    db.prepare('DELETE FROM analysis_stale_units WHERE study_id = ?').run(studyId);
  });
  return settings;
}

function rebuild(db: Db, studyId: number, versionId: number, nodes: string): void {
  db.prepare('DELETE FROM analysis_facts WHERE study_id = ?').run(studyId);
  db.prepare('DELETE FROM analysis_months WHERE study_id = ?').run(studyId);
  insertAllFacts(db).run({ studyId, nodes });
  summarizeAll(db).run({ studyId });
  db.prepare('INSERT OR REPLACE INTO analysis_built (study_id, version_id, built_at) VALUES (?, ?, ?)').run(
    studyId,
    versionId,
    new Date().toISOString(),
  );
}

/** Redoes the facts of the listed units and moves their counts in the monthly sums. */
function refreshUnits(db: Db, studyId: number, nodes: string): void {
  subtractListed(db).run({ studyId });
  deleteListedFacts(db).run({ studyId });
  insertListedFacts(db).run({ studyId, nodes });
  addListed(db).run({ studyId });
  dropEmptyMonths(db).run({ studyId });
}

import { codeToRow, normalize, rowToCode, type Codebook, type CodeRow, type Mapping } from '@threadcoder/taxonomy';
import { AppError, notFound } from '../http/errors.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

export interface StoredCodebook extends Codebook {
  codebookId: number;
  versionId: number;
}

export interface VersionInfo {
  versionId: number;
  version: number;
  message: string;
  mappings: Mapping[];
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

function insertCodes(db: Db, versionId: number, codebook: Codebook): void {
  const insert = db.prepare(
    `INSERT INTO codes (version_id, id, parent_id, position, dimension, name, definition, include_note, exclude_note,
       examples_json, color, shortcut, status, codable)
     VALUES (@version_id, @id, @parent_id, @position, @dimension, @name, @definition, @include_note, @exclude_note,
       @examples_json, @color, @shortcut, @status, @codable)`,
  );
  for (const code of codebook.codes) insert.run({ version_id: versionId, ...codeToRow(code) });
}

function insertVersion(
  db: Db,
  codebookId: number,
  version: number,
  message: string,
  mappings: Mapping[],
  userId: number | null,
  at: string,
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO codebook_versions (codebook_id, version, message, mapping_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(codebookId, version, message, JSON.stringify(mappings), userId, at).lastInsertRowid,
  );
}

/** Stores a new codebook lineage with `codebook` as its first version. */
export function createCodebook(
  db: Db,
  codebook: Codebook,
  userId: number | null,
  message: string,
): { codebookId: number; versionId: number } {
  return writeTransaction(db, () => {
    const at = new Date().toISOString();
    const codebookId = Number(
      db
        .prepare(
          'INSERT INTO codebooks (name, description, template_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(codebook.name, codebook.description, codebook.templateId, userId, at).lastInsertRowid,
    );
    const versionId = insertVersion(db, codebookId, codebook.version, message, [], userId, at);
    insertCodes(db, versionId, codebook);
    return { codebookId, versionId };
  });
}

/**
 * Stores the next version. `codebook.version` must be the latest stored version + 1:
 * an edit made on a stale version is refused with 409 so a concurrent save is never lost.
 */
export function addVersion(
  db: Db,
  codebookId: number,
  codebook: Codebook,
  change: { why: string; mappings: Mapping[]; by: number | null; at: string },
): number {
  return writeTransaction(db, () => {
    const latest = latestVersionNumber(db, codebookId);
    if (codebook.version !== latest + 1) {
      throw new AppError(
        'codebook.stale_version',
        409,
        `The codebook changed meanwhile (now version ${latest}). Reload it and make your change again.`,
      );
    }
    db.prepare('UPDATE codebooks SET name = ?, description = ? WHERE id = ?').run(
      codebook.name,
      codebook.description,
      codebookId,
    );
    const versionId = insertVersion(
      db,
      codebookId,
      codebook.version,
      change.why,
      change.mappings,
      change.by,
      change.at,
    );
    insertCodes(db, versionId, codebook);
    return versionId;
  });
}

function latestVersionNumber(db: Db, codebookId: number): number {
  const row = db.prepare('SELECT max(version) AS v FROM codebook_versions WHERE codebook_id = ?').get(codebookId) as {
    v: number | null;
  };
  if (row.v === null) throw notFound('The codebook');
  return row.v;
}

/** One stored version as a full codebook model. */
export function loadVersion(db: Db, versionId: number): StoredCodebook {
  const head = db
    .prepare(
      `SELECT v.codebook_id AS codebookId, v.version, c.name, c.description, c.template_id AS templateId
       FROM codebook_versions v JOIN codebooks c ON c.id = v.codebook_id WHERE v.id = ?`,
    )
    .get(versionId) as
    | { codebookId: number; version: number; name: string; description: string; templateId: string | null }
    | undefined;
  if (!head) throw notFound('The codebook version');
  const rows = db.prepare('SELECT * FROM codes WHERE version_id = ? ORDER BY position, id').all(versionId) as CodeRow[];
  // normalize() puts the codes in tree order, which the model's consumers rely on.
  return { ...head, versionId, codes: normalize(rows.map(rowToCode)) };
}

export function listVersions(db: Db, codebookId: number): VersionInfo[] {
  const rows = db
    .prepare(
      `SELECT v.id AS versionId, v.version, v.message, v.mapping_json AS mappingJson, v.created_by AS createdBy,
         u.display_name AS createdByName, v.created_at AS createdAt
       FROM codebook_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.codebook_id = ? ORDER BY v.version DESC`,
    )
    .all(codebookId) as (Omit<VersionInfo, 'mappings'> & { mappingJson: string })[];
  return rows.map(({ mappingJson, ...r }) => ({ ...r, mappings: JSON.parse(mappingJson) as Mapping[] }));
}

/** The stored id of version `version` of a lineage; 404 when there is no such version. */
export function versionIdOf(db: Db, codebookId: number, version: number): number {
  const id = db
    .prepare('SELECT id FROM codebook_versions WHERE codebook_id = ? AND version = ?')
    .pluck()
    .get(codebookId, version) as number | undefined;
  if (id === undefined)
    throw new AppError('not_found', 404, `The codebook has no version ${version}.`, { field: 'version' });
  return id;
}

export interface StudyLineage {
  codebookId: number;
  /** The version the study codes with. */
  pinnedVersionId: number;
  pinnedVersion: number;
  /** The newest version of the lineage: what the owner edits; it may run ahead of the pinned one. */
  latestVersion: number;
}

/** Where a study's codebook stands; 409 while the study has none. */
export function studyLineage(db: Db, studyId: number): StudyLineage {
  const row = db
    .prepare(
      `SELECT s.codebook_id AS codebookId, s.codebook_version_id AS pinnedVersionId, v.version AS pinnedVersion,
         (SELECT max(version) FROM codebook_versions WHERE codebook_id = s.codebook_id) AS latestVersion
       FROM studies s LEFT JOIN codebook_versions v ON v.id = s.codebook_version_id WHERE s.id = ?`,
    )
    .get(studyId) as
    | {
        codebookId: number | null;
        pinnedVersionId: number | null;
        pinnedVersion: number | null;
        latestVersion: number | null;
      }
    | undefined;
  if (!row) throw notFound('The study');
  if (row.codebookId === null || row.pinnedVersionId === null) {
    throw new AppError('study.no_codebook', 409, 'This study has no codebook yet; its owner must choose one first.');
  }
  return row as StudyLineage;
}

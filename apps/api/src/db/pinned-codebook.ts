import type { Codebook } from '@threadcoder/taxonomy';
import { AppError } from '../http/errors.ts';
import { loadVersion } from './codebooks.ts';
import type { Db } from './open.ts';

// Versions never change once stored, so each is read from the database once per connection.
const cache = new WeakMap<Db, Map<number, Codebook>>();

export function cachedVersion(db: Db, versionId: number): Codebook {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let codebook = perDb.get(versionId);
  if (!codebook) {
    codebook = loadVersion(db, versionId);
    perDb.set(versionId, codebook);
  }
  return codebook;
}

export interface StudyCodingSettings {
  versionId: number;
  labelMode: 'single' | 'multi';
  codebook: Codebook;
}

/** The codebook version a study codes with; 409 while it has none. */
export function studyCodingSettings(db: Db, studyId: number): StudyCodingSettings {
  const row = db
    .prepare('SELECT codebook_version_id AS versionId, label_mode AS labelMode FROM studies WHERE id = ?')
    .get(studyId) as {
    versionId: number | null;
    labelMode: 'single' | 'multi';
  };
  if (row.versionId === null)
    throw new AppError('study.no_codebook', 409, 'This study has no codebook yet; its owner must choose one first.');
  return { versionId: row.versionId, labelMode: row.labelMode, codebook: cachedVersion(db, row.versionId) };
}

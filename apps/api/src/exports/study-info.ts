// What every export needs to know about its study: its settings and the codebook version it
// codes with (null before one is chosen), with code names and paths for readable columns.
import { indexById, namePath, type Code, type Codebook } from '@threadcoder/taxonomy';
import type { Db } from '../db/open.ts';
import { cachedVersion } from '../db/pinned-codebook.ts';
import { notFound } from '../http/errors.ts';

export interface StudyInfo {
  id: number;
  name: string;
  description: string;
  unitKind: 'post' | 'thread';
  labelMode: 'single' | 'multi';
  blind: boolean;
  createdAt: string;
  createdBy: number | null;
  codebook: Codebook | null;
  /** "Challenge > Documentation gaps" from the pinned version; the id itself for a code it lacks. */
  codePath(codeId: string): string;
  codeName(codeId: string): string;
  code(codeId: string): Code | undefined;
}

type Row = Omit<StudyInfo, 'blind' | 'codebook' | 'codePath' | 'codeName' | 'code'> & {
  blind: number;
  versionId: number | null;
};

export function studyInfo(db: Db, studyId: number): StudyInfo {
  const row = db
    .prepare(
      `SELECT id, name, description, unit_kind AS unitKind, label_mode AS labelMode, blind, created_at AS createdAt,
         created_by AS createdBy, codebook_version_id AS versionId FROM studies WHERE id = ?`,
    )
    .get(studyId) as Row | undefined;
  if (!row) throw notFound('The study');
  const { versionId, blind, ...rest } = row;
  const codebook = versionId === null ? null : cachedVersion(db, versionId);
  const byId = indexById(codebook?.codes ?? []);
  return {
    ...rest,
    blind: blind === 1,
    codebook,
    codePath: (id) => (byId.has(id) ? namePath(byId, id).join(' > ') : id),
    codeName: (id) => byId.get(id)?.name ?? id,
    code: (id) => byId.get(id),
  };
}

/** An ASCII file-name stem for the study ("study-3-hugging-face-forum"), safe in Content-Disposition. */
export function fileStem(study: Pick<StudyInfo, 'id' | 'name'>): string {
  const slug = study.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug ? `study-${study.id}-${slug}` : `study-${study.id}`;
}

// A codebook version as a downloadable file. Shared by the export route and the CLI, so
// both write the same bytes under the same name.
import { toCsv, toJson, toMarkdown, toQdc, type Codebook } from '@threadcoder/taxonomy';
import { z } from 'zod';
import type { Db } from './open.ts';
import { studyLineage, versionIdOf } from './codebooks.ts';
import { cachedVersion } from './pinned-codebook.ts';

export const exportFormatSchema = z.enum(['json', 'csv', 'md', 'qdc']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

const kinds: Record<ExportFormat, { extension: string; contentType: string; render: (c: Codebook) => string }> = {
  json: { extension: 'json', contentType: 'application/json; charset=utf-8', render: toJson },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8; header=present', render: (c) => toCsv(c) },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', render: (c) => toMarkdown(c) },
  // REFI-QDA names no media type of its own; a .qdc file is XML.
  qdc: { extension: 'qdc', contentType: 'application/xml; charset=utf-8', render: (c) => toQdc(c) },
};

export interface CodebookFile {
  filename: string;
  contentType: string;
  body: string;
}

/** File names stay ASCII (no quoting trouble in Content-Disposition): "hugging-face-forum-v3.qdc". */
export function codebookFile(codebook: Codebook, format: ExportFormat): CodebookFile {
  const kind = kinds[format];
  const slug =
    codebook.name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'codebook';
  return {
    filename: `${slug}-v${codebook.version}.${kind.extension}`,
    contentType: kind.contentType,
    body: kind.render(codebook),
  };
}

/** Version `version` of the study's codebook, or the version the study codes with. */
export function studyCodebookVersion(db: Db, studyId: number, version?: number): Codebook {
  const lineage = studyLineage(db, studyId);
  return cachedVersion(
    db,
    version === undefined ? lineage.pinnedVersionId : versionIdOf(db, lineage.codebookId, version),
  );
}

export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename}"`;
}

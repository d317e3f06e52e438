// Each export as a downloadable file: name, media type and bytes. The API route and the CLI
// both call exportFile, so a download and `threadcoder export …` give the same file (for the
// same viewer: the CLI is the operator, see access.ts).
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import { assertCanSeeResults, type Viewer } from './access.ts';
import { codingsCsv } from './codings-csv.ts';
import { countsCsv } from './counts-csv.ts';
import { finalCsv } from './final-csv.ts';
import { qdpxZip } from './qdpx.ts';
import { reportData } from './report-data.ts';
import { reportBlocks } from './report-doc.ts';
import { renderHtml } from './report-html.ts';
import { renderMarkdown } from './report-md.ts';
import { fileStem, studyInfo } from './study-info.ts';

export const exportKindSchema = z.enum(['counts', 'codings', 'final', 'report', 'qdpx']);
export const periodSchema = z.enum(['month', 'quarter', 'year']);
export const reportFormatSchema = z.enum(['md', 'html']);
export type ExportKind = z.infer<typeof exportKindSchema>;

export interface ExportOptions {
  /** counts and report: the period of the time series; quarter unless given. */
  period?: z.infer<typeof periodSchema> | undefined;
  /** report: Markdown (default) or printable HTML. */
  format?: z.infer<typeof reportFormatSchema> | undefined;
  now?: Date;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Uint8Array;
}

const CSV = 'text/csv; charset=utf-8; header=present';

export function exportFile(
  db: Db,
  studyId: number,
  kind: ExportKind,
  viewer: Viewer,
  options: ExportOptions = {},
): ExportFile {
  const study = studyInfo(db, studyId);
  const stem = fileStem(study);
  const period = options.period ?? 'quarter';
  switch (kind) {
    case 'codings':
      return { filename: `${stem}-codings.csv`, contentType: CSV, body: codingsCsv(db, studyId, viewer) };
    case 'final':
      assertCanSeeResults(db, studyId, viewer);
      return { filename: `${stem}-final-labels.csv`, contentType: CSV, body: finalCsv(db, study) };
    case 'counts':
      assertCanSeeResults(db, studyId, viewer);
      return { filename: `${stem}-counts-${period}.csv`, contentType: CSV, body: countsCsv(db, study, period) };
    case 'report': {
      assertCanSeeResults(db, studyId, viewer);
      const blocks = reportBlocks(reportData(db, study, viewer, period, options.now));
      return options.format === 'html'
        ? {
            filename: `${stem}-report.html`,
            contentType: 'text/html; charset=utf-8',
            body: renderHtml(`${study.name}: methods and results`, blocks),
          }
        : { filename: `${stem}-report.md`, contentType: 'text/markdown; charset=utf-8', body: renderMarkdown(blocks) };
    }
    case 'qdpx':
      // REFI-QDA names no media type; a .qdpx file is a zip.
      return {
        filename: `${stem}.qdpx`,
        contentType: 'application/zip',
        body: qdpxZip(db, study, viewer, options.now),
      };
  }
}

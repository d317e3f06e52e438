import { queryOptions } from '@tanstack/react-query';
import { unwrap, type Client } from './client.ts';

export type Period = 'month' | 'quarter' | 'year';
export type ReportFormat = 'md' | 'html';
export type CodebookFormat = 'json' | 'csv' | 'md' | 'qdc';

/** What the caller may export from the study, and how many codings their files will hold. */
export const exportSummaryQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'exports'] as const,
    queryFn: () => unwrap(client.api.studies[':studyId'].exports.$get({ param: { studyId: String(studyId) } })),
  });

// Downloads are plain links (the session cookie goes along), so the browser saves the file
// under the name the API's Content-Disposition gives.
const base = (studyId: number) => `/api/studies/${studyId}/exports`;

export const exportHrefs = {
  codings: (studyId: number) => `${base(studyId)}/codings`,
  final: (studyId: number) => `${base(studyId)}/final`,
  counts: (studyId: number, period: Period) => `${base(studyId)}/counts?${new URLSearchParams({ period })}`,
  report: (studyId: number, format: ReportFormat, period: Period) =>
    `${base(studyId)}/report?${new URLSearchParams({ format, period })}`,
  qdpx: (studyId: number) => `${base(studyId)}/qdpx`,
  /** The version the study codes with (the export route's default). */
  codebook: (studyId: number, format: CodebookFormat) =>
    `/api/studies/${studyId}/codebook/export?${new URLSearchParams({ format })}`,
};

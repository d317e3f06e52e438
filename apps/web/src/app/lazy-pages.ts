import { lazy } from 'react';

// Each signed-in page is its own chunk, fetched when first opened: the login form and the coding
// screen do not wait for the charts (Recharts sits in the Agreement and Analysis chunks only).
export const SourcesPage = lazy(() =>
  import('../features/sources/sources-page.tsx').then((m) => ({ default: m.SourcesPage })),
);
export const ThreadsPage = lazy(() =>
  import('../features/threads/threads-page.tsx').then((m) => ({ default: m.ThreadsPage })),
);
export const ThreadPage = lazy(() =>
  import('../features/threads/thread-page.tsx').then((m) => ({ default: m.ThreadPage })),
);
export const StudiesPage = lazy(() =>
  import('../features/studies/studies-page.tsx').then((m) => ({ default: m.StudiesPage })),
);
export const StudyLayout = lazy(() =>
  import('../features/studies/study-layout.tsx').then((m) => ({ default: m.StudyLayout })),
);
export const StudyOverview = lazy(() =>
  import('../features/studies/study-overview.tsx').then((m) => ({ default: m.StudyOverview })),
);
export const SelectionPage = lazy(() =>
  import('../features/selection/selection-page.tsx').then((m) => ({ default: m.SelectionPage })),
);
export const CodebookPage = lazy(() =>
  import('../features/codebook/codebook-page.tsx').then((m) => ({ default: m.CodebookPage })),
);
export const CodingPage = lazy(() =>
  import('../features/coding/coding-page.tsx').then((m) => ({ default: m.CodingPage })),
);
export const AgreementPage = lazy(() =>
  import('../features/agreement/agreement-page.tsx').then((m) => ({ default: m.AgreementPage })),
);
export const AdjudicationPage = lazy(() =>
  import('../features/adjudication/adjudication-page.tsx').then((m) => ({ default: m.AdjudicationPage })),
);
export const AnalysisPage = lazy(() =>
  import('../features/analysis/analysis-page.tsx').then((m) => ({ default: m.AnalysisPage })),
);
export const EvaluationPage = lazy(() =>
  import('../features/suggestions/evaluation-page.tsx').then((m) => ({ default: m.EvaluationPage })),
);
export const ExportPage = lazy(() =>
  import('../features/export/export-page.tsx').then((m) => ({ default: m.ExportPage })),
);
export const AuditPage = lazy(() =>
  import('../features/studies/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);

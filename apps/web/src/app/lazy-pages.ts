import { lazyPage } from './lazy-page.ts';

// Each signed-in page is its own chunk: the login form and the coding screen do not wait for the
// charts (Recharts sits in the Agreement and Analysis chunks only). The opened address's chunks are
// fetched before the first render (app/preload-route.ts), another page's when a link to it is
// pointed at (app/preload-on-intent.ts).
export const SourcesPage = lazyPage(() => import('../features/sources/sources-page.tsx').then((m) => m.SourcesPage));
export const ThreadsPage = lazyPage(() => import('../features/threads/threads-page.tsx').then((m) => m.ThreadsPage));
export const ThreadPage = lazyPage(() => import('../features/threads/thread-page.tsx').then((m) => m.ThreadPage));
export const StudiesPage = lazyPage(() => import('../features/studies/studies-page.tsx').then((m) => m.StudiesPage));
export const StudyLayout = lazyPage(() => import('../features/studies/study-layout.tsx').then((m) => m.StudyLayout));
export const StudyOverview = lazyPage(() =>
  import('../features/studies/study-overview.tsx').then((m) => m.StudyOverview),
);
export const SelectionPage = lazyPage(() =>
  import('../features/selection/selection-page.tsx').then((m) => m.SelectionPage),
);
export const CodebookPage = lazyPage(() =>
  import('../features/codebook/codebook-page.tsx').then((m) => m.CodebookPage),
);
export const CodingPage = lazyPage(() => import('../features/coding/coding-page.tsx').then((m) => m.CodingPage));
export const AgreementPage = lazyPage(() =>
  import('../features/agreement/agreement-page.tsx').then((m) => m.AgreementPage),
);
export const AdjudicationPage = lazyPage(() =>
  import('../features/adjudication/adjudication-page.tsx').then((m) => m.AdjudicationPage),
);
export const AnalysisPage = lazyPage(() =>
  import('../features/analysis/analysis-page.tsx').then((m) => m.AnalysisPage),
);
export const EvaluationPage = lazyPage(() =>
  import('../features/suggestions/evaluation-page.tsx').then((m) => m.EvaluationPage),
);
export const ExportPage = lazyPage(() => import('../features/export/export-page.tsx').then((m) => m.ExportPage));
export const AuditPage = lazyPage(() => import('../features/studies/audit-page.tsx').then((m) => m.AuditPage));

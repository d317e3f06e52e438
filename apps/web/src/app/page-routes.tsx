import { Route } from 'react-router';
import {
  AdjudicationPage,
  AgreementPage,
  AnalysisPage,
  AuditPage,
  CodebookPage,
  CodingPage,
  EvaluationPage,
  ExportPage,
  SelectionPage,
  SourcesPage,
  StudiesPage,
  StudyLayout,
  StudyOverview,
  ThreadPage,
  ThreadsPage,
} from './lazy-pages.ts';

/**
 * The signed-in pages that load as chunks, each feature folder owning its page; a study's pages sit
 * under its tabbed layout. The app renders these routes, and app/preload-route.ts matches an address
 * against them to fetch its chunks before the first render.
 */
export function pageRoutes() {
  return (
    <>
      <Route path="sources/*" element={<SourcesPage />} />
      <Route path="threads" element={<ThreadsPage />} />
      <Route path="threads/:threadId" element={<ThreadPage />} />
      <Route path="studies" element={<StudiesPage />} />
      <Route path="studies/:studyId" element={<StudyLayout />}>
        <Route index element={<StudyOverview />} />
        <Route path="threads" element={<SelectionPage />} />
        <Route path="codebook" element={<CodebookPage />} />
        <Route path="code" element={<CodingPage />} />
        <Route path="agreement" element={<AgreementPage />} />
        <Route path="adjudicate" element={<AdjudicationPage />} />
        <Route path="analysis" element={<AnalysisPage />} />
        <Route path="suggestions" element={<EvaluationPage />} />
        <Route path="export" element={<ExportPage />} />
        <Route path="audit" element={<AuditPage />} />
      </Route>
    </>
  );
}

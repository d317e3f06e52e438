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
  StudyLayout,
  StudyOverview,
} from './lazy-pages.ts';

/** Every page of one study, under its tabbed layout. Each feature folder owns its page. */
export function studyRoutes() {
  return (
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
  );
}

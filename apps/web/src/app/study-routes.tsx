import { Route } from 'react-router';
import { CodingPage } from '../features/coding/coding-page.tsx';
import { AdjudicationPage } from '../features/adjudication/adjudication-page.tsx';
import { AgreementPage } from '../features/agreement/agreement-page.tsx';
import { AnalysisPage } from '../features/analysis/analysis-page.tsx';
import { CodebookPage } from '../features/codebook/codebook-page.tsx';
import { ExportPage } from '../features/export/export-page.tsx';
import { SelectionPage } from '../features/selection/selection-page.tsx';
import { EvaluationPage } from '../features/suggestions/evaluation-page.tsx';
import { AuditPage } from '../features/studies/audit-page.tsx';
import { StudyLayout } from '../features/studies/study-layout.tsx';
import { StudyOverview } from '../features/studies/study-overview.tsx';

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

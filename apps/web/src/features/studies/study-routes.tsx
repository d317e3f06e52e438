import { Route } from 'react-router';
import { CodingPage } from '../coding/coding-page.tsx';
import { AdjudicationPage } from '../adjudication/adjudication-page.tsx';
import { AgreementPage } from '../agreement/agreement-page.tsx';
import { AnalysisPage } from '../analysis/analysis-page.tsx';
import { CodebookPage } from '../codebook/codebook-page.tsx';
import { ExportPage } from '../export/export-page.tsx';
import { SelectionPage } from '../selection/selection-page.tsx';
import { EvaluationPage } from '../suggestions/evaluation-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { StudyLayout } from './study-layout.tsx';
import { StudyOverview } from './study-overview.tsx';

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

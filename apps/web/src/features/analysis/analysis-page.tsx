import { useQuery } from '@tanstack/react-query';
import { analysisOptionsQuery, trendQuery } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { CooccurrenceSection } from './cooccurrence-section.tsx';
import { CountsSection } from './counts-section.tsx';
import { FilterBar } from './filter-bar.tsx';
import { ForumSection } from './forum-section.tsx';
import { MentionsSection } from './mentions-section.tsx';
import { pickedCodes } from './picked-codes.ts';
import { SeriesSection } from './series-section.tsx';
import { TermsSection } from './terms-section.tsx';
import { TrendSection } from './trend-section.tsx';
import { useAnalysisState } from './use-analysis-state.ts';

/** /studies/:studyId/analysis: the study's final labels as counts, trends, tests, co-occurrence, terms and mentions. */
export function AnalysisPage() {
  const client = useClient();
  const studyId = useStudyId();
  const state = useAnalysisState();
  const options = useQuery(analysisOptionsQuery(client, studyId));
  const study = useQuery(studyQuery(client, studyId));
  // Shared with the trend section (same key), so the picked codes are known to the mention table too.
  const trend = useQuery(trendQuery(client, studyId, state.filters, undefined));
  if (options.isPending) return <p className="hint">Loading…</p>;
  if (options.isError) return <ErrorMessage error={options.error} />;
  const picked = pickedCodes(state.codes, trend.data?.nodes ?? []);
  const canEdit = study.data?.study.roles.includes('owner') ?? false;
  return (
    <div className="an-page">
      <FilterBar options={options.data} filters={state.filters} update={state.update} />
      <CountsSection studyId={studyId} filters={state.filters} blind={options.data.blind} />
      <TrendSection studyId={studyId} options={options.data} state={state} />
      <MentionsSection studyId={studyId} options={options.data} state={state} pickedCodes={picked} canEdit={canEdit} />
      <CooccurrenceSection studyId={studyId} filters={state.filters} />
      <TermsSection studyId={studyId} filters={state.filters} options={options.data} defaultCode={picked[0]} />
      <ForumSection studyId={studyId} isOwner={canEdit} />
      <SeriesSection studyId={studyId} isOwner={canEdit} />
    </div>
  );
}

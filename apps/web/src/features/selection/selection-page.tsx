import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { sourcesQuery } from '../../api/imports.ts';
import { selectionQuery } from '../../api/selection.ts';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { KeywordRuleForm } from './keyword-rule-form.tsx';
import { PickBrowser } from './pick-browser.tsx';
import { SelectionSummary } from './selection-summary.tsx';

/** Which threads the study draws its units from: counts and rules for every member, the tools for owners. */
export function SelectionPage() {
  const studyId = Number(useParams().studyId);
  const client = useClient();
  const study = useQuery(studyQuery(client, studyId));
  const selection = useQuery(selectionQuery(client, studyId));
  const sources = useQuery(sourcesQuery(client));
  if (!selection.data || !study.data) return <ErrorMessage error={selection.error ?? study.error} />;
  const names = new Map(sources.data?.sources.map((s) => [s.id, s.name]));
  const sourceName = (id: number) => names.get(id) ?? `#${id}`;
  const isOwner = study.data.study.roles.includes('owner');
  const s = selection.data.selection;
  return (
    <div className="selection-page">
      <SelectionSummary threads={s.threads} posts={s.posts} note={s.note} rules={s.rules} sourceName={sourceName} />
      {isOwner ? (
        <>
          <KeywordRuleForm studyId={studyId} sources={sources.data?.sources ?? []} />
          <PickBrowser studyId={studyId} />
        </>
      ) : (
        <p className="hint">The study's owners choose its threads.</p>
      )}
    </div>
  );
}

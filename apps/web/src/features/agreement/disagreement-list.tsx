import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type AgreementParams, type AgreementSummary, disagreementsQuery } from '../../api/agreement.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { HiddenNote } from './confusion-matrix.tsx';
import type { Names } from './names.ts';

/**
 * Units where the coders' label sets differ, each linked to its place in adjudication, a page at
 * a time ("Show more"). Codes only, never who chose what.
 */
export function DisagreementList({
  summary,
  names,
  studyId,
  params,
}: {
  summary: AgreementSummary;
  names: Names;
  studyId: number;
  params: AgreementParams;
}) {
  const client = useClient();
  const pages = useInfiniteQuery({
    ...disagreementsQuery(client, studyId, params),
    enabled: summary.disagreementCount > 0,
  });
  const items = pages.data?.pages.flatMap((p) => p.disagreements) ?? [];
  const shown = summary.disagreementCount > 0 || summary.hidden.units === 0 || summary.confusion !== null;
  return (
    <section aria-labelledby="agr-disagreements" className="card">
      <h2 id="agr-disagreements">Disagreements</h2>
      <HiddenNote hidden={summary.hidden} shown={shown} />
      {shown && summary.disagreementCount === 0 ? <p>No unit with differing labels.</p> : null}
      {summary.disagreementCount > 0 ? (
        <p className="hint">
          {summary.disagreementCount} unit{summary.disagreementCount === 1 ? '' : 's'} with differing labels
          {items.length < summary.disagreementCount ? `; the first ${items.length} shown` : ''}.
        </p>
      ) : null}
      {pages.isError ? <ErrorMessage error={pages.error} /> : null}
      {items.length > 0 ? (
        <ol className="agr-disagreements" aria-label="Units where coders disagree">
          {items.map((d) => (
            <li key={d.unitId}>
              <Link to={`/studies/${studyId}/adjudicate?unit=${d.unitId}`}>
                {d.threadTitle}
                {d.postNumber !== null ? ` · post ${d.postNumber}` : ''}
              </Link>{' '}
              <span className="hint">
                {d.roundName} · unit {d.unitId}
              </span>
              <div className="agr-codes">
                <span className="hint">Codes that differ: </span>
                {d.codeIds.map((c) => names.code(c)).join(', ')}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {pages.hasNextPage ? (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Show more
        </button>
      ) : null}
    </section>
  );
}

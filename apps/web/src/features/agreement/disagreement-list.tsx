import { Link } from 'react-router';
import type { AgreementSummary } from '../../api/agreement.ts';
import { HiddenNote } from './confusion-matrix.tsx';
import type { Names } from './names.ts';

/** Units where the coders' label sets differ, each linked to its place in adjudication. Codes only, never who chose what. */
export function DisagreementList({
  summary,
  names,
  studyId,
}: {
  summary: AgreementSummary;
  names: Names;
  studyId: number;
}) {
  const items = summary.disagreements;
  const shown = items.length > 0 || summary.hidden.units === 0 || summary.confusion !== null;
  return (
    <section aria-labelledby="agr-disagreements" className="card">
      <h2 id="agr-disagreements">Disagreements</h2>
      <HiddenNote hidden={summary.hidden} shown={shown} />
      {shown && items.length === 0 ? <p>No unit with differing labels.</p> : null}
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
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { finalLabelCountsQuery } from '../../api/adjudication.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Final labels per code, from agreement and from adjudication: a quick check, counted by the API. */
export function FinalLabelCounts({ studyId }: { studyId: number }) {
  const counts = useQuery(finalLabelCountsQuery(useClient(), studyId));
  const data = counts.data;
  return (
    <section aria-labelledby="adj-counts-heading" className="card">
      <h2 id="adj-counts-heading">Final label counts</h2>
      <ErrorMessage error={counts.error} />
      {data ? (
        <>
          <p className="hint">
            {data.units} {data.units === 1 ? 'unit' : 'units'} with final labels · adjudications:{' '}
            {data.adjudications.open} open, {data.adjudications.reopened} reopened, {data.adjudications.settled} settled
          </p>
          {data.codes.length ? (
            <div className="adj-counts">
              <table className="table" aria-labelledby="adj-counts-heading">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Agreed</th>
                    <th scope="col">Adjudicated</th>
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {data.codes.map((c) => (
                    <tr key={c.codeId}>
                      <th scope="row">{c.name ?? c.codeId}</th>
                      <td>{c.agreement}</td>
                      <td>{c.adjudication}</td>
                      <td>{c.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="hint">No final labels yet.</p>
          )}
        </>
      ) : null}
    </section>
  );
}

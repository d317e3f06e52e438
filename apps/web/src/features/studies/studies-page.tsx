import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { studiesQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ImportQdpxForm } from './import-qdpx-form.tsx';
import { NewStudyForm } from './new-study-form.tsx';

export function StudiesPage() {
  const studies = useQuery(studiesQuery(useClient()));
  return (
    <section aria-labelledby="studies-heading">
      <h1 id="studies-heading">Studies</h1>
      {studies.isPending ? <p>Loading…</p> : null}
      <ErrorMessage error={studies.error} />
      {studies.data?.studies.length === 0 ? <p>You are not a member of any study yet.</p> : null}
      {studies.data?.studies.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">Your roles</th>
              <th scope="col">Unit</th>
              <th scope="col">Units</th>
              <th scope="col">Blind</th>
            </tr>
          </thead>
          <tbody>
            {studies.data.studies.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/studies/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.roles.join(', ') || 'administrator'}</td>
                <td>{s.unitKind}</td>
                <td>{s.units}</td>
                <td>{s.blind ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <NewStudyForm />
      <ImportQdpxForm />
    </section>
  );
}

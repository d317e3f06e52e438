import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { importsQuery } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { formatDate } from './format.ts';

/** Recent imports, newest first; each links to its progress or report. */
export function ImportsTable() {
  const imports = useQuery(importsQuery(useClient()));
  if (!imports.data) return <ErrorMessage error={imports.error} />;
  if (imports.data.imports.length === 0) return null;
  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">Recent imports</h2>
      <table className="table" aria-label="Recent imports">
        <thead>
          <tr>
            <th>File</th>
            <th>Source</th>
            <th>Format</th>
            <th>Status</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {imports.data.imports.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/sources/imports/${i.id}`}>{i.filename}</Link>
              </td>
              <td>{i.sourceName}</td>
              <td>
                {i.format}, {i.mode}
              </td>
              <td className={`import-status import-${i.status}`}>{i.status}</td>
              <td>{formatDate(i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { Link } from 'react-router';
import type { Source } from '../../api/imports.ts';
import { formatDate } from './format.ts';
import { NameForumCategories } from './name-forum-categories.tsx';

export function SourcesTable({ sources, canImport = false }: { sources: Source[]; canImport?: boolean }) {
  if (sources.length === 0) return <p className="hint">No sources yet: import a forum dump to create one.</p>;
  return (
    <table className="table" aria-label="Sources">
      <thead>
        <tr>
          <th>Source</th>
          <th>Kind</th>
          <th>Threads</th>
          <th>Posts</th>
          <th>Categories</th>
          <th>Last import</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/threads?source=${s.id}`} title={`Browse the threads of ${s.name}`}>
                {s.name}
              </Link>
            </td>
            <td>{s.kind}</td>
            <td>{s.threads.toLocaleString()}</td>
            <td>{s.posts.toLocaleString()}</td>
            <td>
              {canImport && s.kind === 'discourse' ? <NameForumCategories source={s} /> : s.categories.toLocaleString()}
            </td>
            <td>
              {s.lastImport ? (
                <Link to={`/sources/imports/${s.lastImport.id}`}>
                  {s.lastImport.status}, {formatDate(s.lastImport.finishedAt ?? s.lastImport.createdAt)}
                </Link>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

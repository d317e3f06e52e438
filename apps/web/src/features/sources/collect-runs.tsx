import type { CollectionRecord } from '../../api/collect.ts';
import { formatDate } from './format.ts';

/** Earlier collections, newest first. */
export function CollectRuns({ runs }: { runs: CollectionRecord[] }) {
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="collections-heading">
      <h2 id="collections-heading">Earlier collections</h2>
      <table className="table" aria-label="Earlier collections">
        <thead>
          <tr>
            <th>#</th>
            <th>Forum</th>
            <th>Source</th>
            <th>Status</th>
            <th>Topics</th>
            <th>Posts new / updated</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>
                {c.options.forumUrl}
                {c.options.category ? ` (${c.options.category})` : ''}
              </td>
              <td>{c.sourceName}</td>
              <td className={`import-status import-${c.status}`}>{c.status}</td>
              <td>
                {c.progress.topicsDone + c.progress.topicsUnchanged + c.progress.topicsFailed} /{' '}
                {c.progress.topicsKnown}
              </td>
              <td>
                {c.report.posts.new} / {c.report.posts.updated}
              </td>
              <td>{formatDate(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

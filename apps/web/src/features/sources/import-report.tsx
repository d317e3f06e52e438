import type { ImportRecord } from '../../api/imports.ts';
import { ChangeCountsTable } from './change-counts-table.tsx';
import { SearchIndexStatus } from '../../components/search-index-status.tsx';

type Report = NonNullable<ImportRecord['report']>;

/** What the import did: new/updated/unchanged threads and posts, skipped records, and each rejected record with its place. */
export function ImportReport({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-heading" className="card import-report">
      <h2 id="report-heading">Import report</h2>
      <ChangeCountsTable label="Counts" threads={report.threads} posts={report.posts} />
      {report.search?.state === 'indexing' ? (
        <>
          <p>
            The import was done before its posts were in the search index: {report.search.pending.toLocaleString()}{' '}
            posts were left to index then. The server indexes them in the background; until it is done, search may miss
            them.
          </p>
          <SearchIndexStatus showReady />
        </>
      ) : null}
      {report.links && !report.links.baseUrl && report.links.relative > 0 ? (
        <p role="alert" className="warning">
          {report.links.relative.toLocaleString()} links or images stayed relative (/t/…, /u/…, /uploads/…) because no
          forum address was given: the links show as plain text and the images are left out. Import the file again with
          the forum address to resolve them.
        </p>
      ) : null}
      {report.skipped.length ? (
        <ul className="hint">
          {report.skipped.map((s) => (
            <li key={s.reason}>
              Skipped {s.count.toLocaleString()}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {report.rejected.length ? (
        <>
          <h3>Rejected records ({(report.rejected.length + report.rejectedOmitted).toLocaleString()})</h3>
          <table className="table" aria-label="Rejected records">
            <thead>
              <tr>
                <th>Reason</th>
                <th>File</th>
                <th>Line</th>
                <th>Field</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={`${r.where.file}:${r.where.line}:${r.where.field}:${r.reason}`}>
                  <td>{r.reason}</td>
                  <td>{r.where.file ?? ''}</td>
                  <td>{r.where.line ?? ''}</td>
                  <td>{r.where.field ? <code>{r.where.field}</code> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rejectedOmitted ? (
            <p className="hint">{report.rejectedOmitted.toLocaleString()} more rejected records are not listed.</p>
          ) : null}
        </>
      ) : (
        <p>No records were rejected.</p>
      )}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { importQuery } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { formatDate } from './format.ts';
import { ImportError } from './import-error.tsx';
import { ImportProgress } from './import-progress.tsx';
import { ImportReport } from './import-report.tsx';

/** One import: its progress while the job runs (polled), then its report or its error. */
export function ImportPage() {
  const id = Number(useParams().importId);
  const query = useQuery(importQuery(useClient(), id));
  if (!query.data) return <ErrorMessage error={query.error} />;
  const record = query.data.import;
  return (
    <section aria-labelledby="import-heading" className="import-page">
      <p>
        <Link to="/sources">← Sources</Link>
      </p>
      <h1 id="import-heading">
        Import of {record.filename} into {record.sourceName}
      </h1>
      <p className="hint">
        {record.format}, {record.mode} mode, started {formatDate(record.createdAt)}
        {record.finishedAt ? `, finished ${formatDate(record.finishedAt)}` : ''}
      </p>
      {record.status === 'queued' || record.status === 'running' ? <ImportProgress record={record} /> : null}
      {record.status === 'failed' && record.error ? <ImportError error={record.error} /> : null}
      {record.status === 'succeeded' && record.report ? (
        <>
          <ImportReport report={record.report} />
          <p>
            <Link to={`/threads?source=${record.sourceId}`}>Browse the threads of {record.sourceName}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

import { useCancelCollection, type CollectionRecord } from '../../api/collect.ts';
import { formatEta } from './format.ts';
import { RunStop } from './run-stop.tsx';
import { ChangeCountsTable } from './change-counts-table.tsx';
import { ProgressBar } from './progress-bar.tsx';

/** The newest collection: progress and a stop button while it runs, then what it stored or why it failed. */
export function CollectProgress({ record, stopping }: { record: CollectionRecord; stopping: boolean }) {
  const cancel = useCancelCollection();
  const p = record.progress;
  const handled = p.topicsDone + p.topicsUnchanged + p.topicsFailed;
  const percent = p.topicsKnown > 0 ? Math.round((handled / p.topicsKnown) * 100) : 0;
  const text = `${handled} of ${p.topicsKnown} topics${record.listingDone ? '' : ' listed so far'}, ${p.postsDone} of ${p.postsKnown} posts, ${p.requests} requests`;
  const r = record.report;
  return (
    <section className="card import-report" aria-label="Collection progress">
      <h2>
        Collection #{record.id}: {record.options.forumUrl} into {record.sourceName}
      </h2>
      <p role="status">{statusText(record.status, stopping)}</p>
      <ProgressBar label="Collection progress" percent={percent} text={text} />
      <p className="hint">
        {text}
        {record.status === 'running' ? `; about ${formatEta(p.etaSeconds)} left for the topics listed` : ''}
      </p>
      <RunStop record={record} stopping={stopping} cancel={cancel} />
      <ChangeCountsTable label="Collected" threads={r.threads} posts={r.posts} />
      <ul className="hint">
        <li>{p.topicsUnchanged} topics unchanged since the last collection (not fetched again)</li>
        {r.skipped.map((s) => (
          <li key={s.reason}>
            Skipped {s.count} {s.reason}
          </li>
        ))}
        {r.failedTopics.map((f) => (
          <li key={f.topicId}>
            Topic {f.topicId} not collected: {f.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

function statusText(status: CollectionRecord['status'], stopping: boolean): string {
  if (status === 'running')
    return stopping
      ? 'Stopping after the current topic…'
      : 'Collecting… you can leave this page; the collection carries on.';
  if (status === 'stopped') return 'Stopped. Start it again with the same fields to resume where it was.';
  // Starting it again helps only once the cause is fixed: the message below says what it is.
  if (status === 'failed') return 'The collection failed; the message below says why.';
  return 'Done.';
}

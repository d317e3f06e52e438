import { useReopen, type QueueItem } from '../../api/adjudication.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import type { CodeNames } from './code-names.ts';
import { isoDateTime } from '../../components/dates.ts';

/** A settled unit: its final labels, who settled it and when, why, and a way to reopen it. */
export function SettledDecision({ studyId, item, names }: { studyId: number; item: QueueItem; names: CodeNames }) {
  const reopen = useReopen(studyId);
  return (
    <section aria-label="Decision" className="adj-decision">
      <h3>Decision</h3>
      <dl className="facts">
        <dt>Final labels</dt>
        <dd>{item.finalCodeIds.length ? item.finalCodeIds.map(names).join(', ') : 'none'}</dd>
        <dt>Settled by</dt>
        <dd>{item.settledByName ?? '—'}</dd>
        <dt>Settled at</dt>
        <dd>{item.settledAt ? <time dateTime={item.settledAt}>{isoDateTime(item.settledAt)}</time> : '—'}</dd>
        <dt>Rationale</dt>
        <dd className="adj-rationale">{item.rationale}</dd>
      </dl>
      <button
        type="button"
        className="secondary"
        onClick={() => reopen.mutate(item.unitId)}
        disabled={reopen.isPending}
      >
        Reopen
      </button>
      <ErrorMessage error={reopen.error} />
    </section>
  );
}

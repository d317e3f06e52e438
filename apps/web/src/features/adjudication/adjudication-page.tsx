import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { adjudicationChoicesQuery, adjudicationQueueQuery, queueFiltersFrom } from '../../api/adjudication.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { codeNames } from './code-names.ts';
import { QueueHelp } from './queue-help.tsx';
import { FinalLabelCounts } from './final-label-counts.tsx';
import { QueueFiltersForm } from './queue-filters.tsx';
import { QueueList } from './queue-list.tsx';
import { UnitDetail } from './unit-detail.tsx';
import { useQueueKeys } from './use-queue-keys.ts';

/** Filters and the selected unit live in the address, so a unit in adjudication can be linked to. */
function useQueueState() {
  const [params, setParams] = useSearchParams();
  const filters = queueFiltersFrom(params);
  const selected = params.get('unit') ? Number(params.get('unit')) : null;
  // The router hands setParams the params of the render that made it, so a key handler bound
  // before a filter change would undo the filter. Changes build on the last params written.
  const latest = useRef({ seen: params.toString(), params });
  if (latest.current.seen !== params.toString()) latest.current = { seen: params.toString(), params };
  const update = (changes: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(latest.current.params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    latest.current = { seen: latest.current.seen, params: next };
    setParams(next);
  };
  return { filters, selected, update };
}

/** /studies/:studyId/adjudicate: the queue of disagreements beside the unit being decided. */
export function AdjudicationPage() {
  const client = useClient();
  const studyId = useStudyId();
  const { filters, selected, update } = useQueueState();
  const choices = useQuery(adjudicationChoicesQuery(client, studyId));
  const queue = useInfiniteQuery(adjudicationQueueQuery(client, studyId, filters));
  const items = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const select = (unitId: number) => update({ unit: unitId });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = queue;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);
  useQueueKeys(items, selected, select, hasNextPage ? loadMore : null);
  const names = codeNames(choices.data?.codes ?? []);
  return (
    <div className="adj-page">
      <div className="adj-side">
        <section aria-labelledby="adj-queue-heading" className="card">
          <h2 id="adj-queue-heading">Adjudication queue</h2>
          <QueueFiltersForm
            filters={filters}
            rounds={choices.data?.rounds ?? []}
            codes={choices.data?.codes ?? []}
            onChange={(f) => update({ round: f.roundId, status: f.status, code: f.code })}
          />
          <ErrorMessage error={queue.error ?? choices.error} />
          {queue.isPending ? (
            <p>Loading…</p>
          ) : (
            <QueueList items={items} selected={selected} onSelect={select} hasMore={hasNextPage} loadMore={loadMore} />
          )}
          {queue.data ? <QueueHelp studyId={studyId} empty={items.length === 0} /> : null}
          <p className="hint">
            <kbd>j</kbd> / <kbd>k</kbd> move to the next / previous unit; <kbd>"</kbd> goes to the next quote in the
            text.
          </p>
        </section>
        <FinalLabelCounts studyId={studyId} />
      </div>
      {selected !== null && choices.data ? (
        <UnitDetail key={selected} studyId={studyId} unitId={selected} choices={choices.data} names={names} />
      ) : (
        <section aria-label="Selected unit" className="card adj-detail">
          <p className="hint">{items.length ? 'Choose a unit from the queue.' : null}</p>
        </section>
      )}
    </div>
  );
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { threadFilterNames } from '@threadcoder/api/threads/filters.ts';
import { useClient } from '../../api/client-context.tsx';
import { useChangeSelection, type SelectionChangeRequest } from '../../api/selection.ts';
import { threadsQuery, type ThreadQuery } from '../../api/threads.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
// The selection page reuses the thread browser (filters and virtual list); threads never imports selection.
import { ThreadFilters } from '../../components/thread-browser/thread-filters.tsx';
import { ThreadList } from '../../components/thread-browser/thread-list.tsx';
import { useThreadQuery } from '../../components/thread-browser/use-thread-query.ts';
import { describeChange } from './describe-rule.ts';

type RuleFilter = Extract<SelectionChangeRequest['rule'], { kind: 'filter' }>['filter'];

/** The filters set in the browser's query, as a selection rule's filter (the API validates and converts them). */
const ruleFilter = (query: ThreadQuery) =>
  Object.fromEntries(threadFilterNames.flatMap((name) => (query[name] ? [[name, query[name]]] : []))) as RuleFilter;

/** Browse with the usual filters; add or remove everything matching, or the threads ticked one by one. */
export function PickBrowser({ studyId }: { studyId: number }) {
  const client = useClient();
  const [query, update] = useThreadQuery();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [said, setSaid] = useState<string | null>(null);
  const change = useChangeSelection(studyId);
  // Same key as the list below, so this reads the list's cached first page for the count.
  const list = useInfiniteQuery(threadsQuery(client, { ...query, study: String(studyId) }));
  const total = list.data?.pages[0]?.total ?? 0;
  const more = list.data?.pages[0]?.totalIsAtLeast ? '+' : '';
  const filtered = Object.keys(ruleFilter(query)).length > 0;

  const toggle = (id: number) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const run = (body: SelectionChangeRequest, after?: () => void) => {
    setSaid(null);
    change.mutate(body, {
      onSuccess: (data) => {
        setSaid(describeChange(body.action, false, data));
        after?.();
      },
    });
  };
  const byFilter = (action: 'add' | 'remove') => run({ action, rule: { kind: 'filter', filter: ruleFilter(query) } });
  const byPick = (action: 'add' | 'remove') =>
    run({ action, rule: { kind: 'pick', threadIds: [...picked] } }, () => setPicked(new Set()));

  return (
    <section className="card pick-browser" aria-labelledby="pick-heading">
      <h2 id="pick-heading">Select by filter or by hand</h2>
      <ThreadFilters query={query} onChange={update}>
        <label>
          In this study
          <select value={query.inStudy ?? ''} onChange={(e) => update({ inStudy: e.target.value })}>
            <option value="">Selected or not</option>
            <option value="yes">Selected</option>
            <option value="no">Not selected</option>
          </select>
        </label>
      </ThreadFilters>
      <div className="button-row selection-actions">
        <button
          type="button"
          disabled={change.isPending || total === 0 || query.inStudy === 'yes'}
          onClick={() => byFilter('add')}
        >
          {filtered ? `Add all ${total.toLocaleString()}${more} matching` : 'Add every thread'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={change.isPending || total === 0 || query.inStudy === 'no'}
          onClick={() => byFilter('remove')}
        >
          {filtered ? 'Remove all matching' : 'Remove every thread'}
        </button>
        <span className="spacer" />
        <button type="button" disabled={change.isPending || picked.size === 0} onClick={() => byPick('add')}>
          Add picked ({picked.size})
        </button>
        <button
          type="button"
          className="secondary"
          disabled={change.isPending || picked.size === 0}
          onClick={() => byPick('remove')}
        >
          Remove picked ({picked.size})
        </button>
      </div>
      {said ? <p role="status">{said}</p> : null}
      <ErrorMessage error={change.error} />
      <ThreadList query={query} studyId={studyId} pick={{ picked, toggle }} />
    </section>
  );
}

import { describeThreadFilter } from '@threadcoder/api/threads/filters.ts';
import type { SelectionChange, SelectionRule } from '../../api/selection.ts';
import { threadCount } from '../../components/thread-browser/thread-count.ts';

type Filter = Extract<SelectionRule, { kind: 'filter' }>['filter'];

/** A filter in words: search "x", source HF forum, category Models, from 2022-01-01… */
function describeFilter(f: Filter, sourceName: (id: number) => string): string {
  const parts = describeThreadFilter(f, { source: sourceName });
  return parts.length ? parts.join(', ') : 'all threads';
}

export function describeRule(rule: SelectionRule, sourceName: (id: number) => string): string {
  if (rule.kind === 'pick')
    return `${rule.threadIds.length} picked ${rule.threadIds.length === 1 ? 'thread' : 'threads'}`;
  if (rule.kind === 'keywords') {
    const narrowed = describeFilter(rule.filter, sourceName);
    const quotes = rule.withQuotes ? ' (quoted words too)' : '';
    return `any of ${rule.terms.map((t) => `"${t}"`).join(', ')}${quotes}${narrowed === 'all threads' ? '' : `; ${narrowed}`}`;
  }
  return describeFilter(rule.filter, sourceName);
}

/**
 * What a change did (or, for a dry run, would do), in one sentence. A dry run past the API's
 * count cap says so: "10,000+ threads match; of the first 10,000, 9,200 would be added."
 */
export function describeChange(action: 'add' | 'remove', dryRun: boolean, c: SelectionChange): string {
  if (dryRun) {
    const among = c.matchedIsAtLeast ? `of the first ${c.matched.toLocaleString()}, ` : '';
    const verb = c.matched === 1 && !c.matchedIsAtLeast ? 'matches' : 'match';
    return `${threadCount(c.matched, c.matchedIsAtLeast)} ${verb}; ${among}${c.changed.toLocaleString()} would be ${action === 'add' ? 'added' : 'removed'}.`;
  }
  const units = c.withUnits ? ` ${threadCount(c.withUnits)} already had units in a round; those units stay.` : '';
  return `${action === 'add' ? 'Added' : 'Removed'} ${threadCount(c.changed)} (${c.matched.toLocaleString()} matched).${units}`;
}

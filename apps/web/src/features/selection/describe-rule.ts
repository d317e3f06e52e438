import type { SelectionChange, SelectionRule } from '../../api/selection.ts';

type Filter = {
  q?: string;
  sourceId?: number;
  category?: string;
  tag?: string;
  from?: string;
  to?: string;
  coded?: 'yes' | 'no';
  solved?: 'yes' | 'no';
  minScore?: number;
};

/** A filter in words: search "x", source HF forum, category Models, from 2022-01-01… */
export function describeFilter(f: Filter, sourceName: (id: number) => string): string {
  const parts = [
    f.q ? `search "${f.q}"` : '',
    f.sourceId !== undefined ? `source ${sourceName(f.sourceId)}` : '',
    f.category ? `category ${f.category}` : '',
    f.tag ? `tag ${f.tag}` : '',
    f.from ? `from ${f.from}` : '',
    f.to ? `to ${f.to}` : '',
    f.coded === 'yes' ? 'coded' : f.coded === 'no' ? 'not coded' : '',
    f.solved === 'yes' ? 'with an accepted answer' : f.solved === 'no' ? 'without an accepted answer' : '',
    f.minScore !== undefined ? `question score ≥ ${f.minScore}` : '',
  ].filter(Boolean);
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

const threads = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'thread' : 'threads'}`;

/** What a change did (or, for a dry run, would do), in one sentence. */
export function describeChange(action: 'add' | 'remove', dryRun: boolean, c: SelectionChange): string {
  if (dryRun)
    return `${threads(c.matched)} match; ${c.changed.toLocaleString()} would be ${action === 'add' ? 'added' : 'removed'}.`;
  const units = c.withUnits ? ` ${threads(c.withUnits)} already had units in a round; those units stay.` : '';
  return `${action === 'add' ? 'Added' : 'Removed'} ${threads(c.changed)} (${c.matched.toLocaleString()} matched).${units}`;
}

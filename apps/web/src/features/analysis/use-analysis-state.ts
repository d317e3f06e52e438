import { useSearchParams } from 'react-router';
import type { AnalysisFilters, Granularity } from '../../api/analysis.ts';

const granularities: readonly Granularity[] = ['month', 'quarter', 'year'];

export interface AnalysisState {
  filters: AnalysisFilters;
  /** Codes picked for the trend chart and the mention correlations; null until someone picks. */
  codes: string[] | null;
  update(changes: Record<string, string | number | null | undefined>): void;
}

/** Filters and the picked codes live in the address, so an analysis view can be linked to and reloaded. */
export function useAnalysisState(): AnalysisState {
  const [params, setParams] = useSearchParams();
  const g = params.get('g');
  const text = (name: string) => params.get(name) || undefined;
  const filters: AnalysisFilters = {
    granularity: granularities.find((x) => x === g) ?? 'quarter',
    roundId: params.get('round') ? Number(params.get('round')) : undefined,
    category: text('category'),
    tag: text('tag'),
    from: text('from'),
    to: text('to'),
    withQuotes: params.get('quotes') === '1' || undefined,
  };
  const codes = params.has('codes') ? (params.get('codes') ?? '').split(',').filter(Boolean) : null;
  const update: AnalysisState['update'] = (changes) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === undefined || (v === '' && k !== 'codes')) next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  return { filters, codes, update };
}

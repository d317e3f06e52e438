import type { AnalysisFilters, AnalysisOptions } from '../../api/analysis.ts';
import type { AnalysisState } from './use-analysis-state.ts';

/** Round, forum category, tag, date range and period length: they apply to every section below. */
export function FilterBar({
  options,
  filters,
  update,
}: {
  options: AnalysisOptions;
  filters: AnalysisFilters;
  update: AnalysisState['update'];
}) {
  return (
    <form aria-label="Analysis filters" className="card an-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Round
        <select value={filters.roundId ?? ''} onChange={(e) => update({ round: e.target.value })}>
          <option value="">All rounds</option>
          {options.rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
              {r.status === 'open' ? ' (open)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Forum category
        <select value={filters.category ?? ''} onChange={(e) => update({ category: e.target.value })}>
          <option value="">All categories</option>
          {options.categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select value={filters.tag ?? ''} onChange={(e) => update({ tag: e.target.value })}>
          <option value="">All tags</option>
          {options.tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.threads})
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={filters.from ?? ''}
          min={options.span.first ?? undefined}
          onChange={(e) => update({ from: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={filters.to ?? ''}
          max={options.span.last ?? undefined}
          onChange={(e) => update({ to: e.target.value })}
        />
      </label>
      <label>
        Periods
        <select value={filters.granularity} onChange={(e) => update({ g: e.target.value })}>
          <option value="month">Months</option>
          <option value="quarter">Quarters</option>
          <option value="year">Years</option>
        </select>
      </label>
      <label
        className="check"
        title="Mentions and distinctive terms count the poster's own words unless this is ticked"
      >
        <input
          type="checkbox"
          checked={filters.withQuotes === true}
          onChange={(e) => update({ quotes: e.target.checked ? '1' : null })}
        />
        Count quoted words too
      </label>
    </form>
  );
}

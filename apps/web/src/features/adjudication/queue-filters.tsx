import type { AdjudicationChoices, QueueFilters } from '../../api/adjudication.ts';

interface Props {
  filters: QueueFilters;
  rounds: AdjudicationChoices['rounds'];
  codes: AdjudicationChoices['codes'];
  onChange: (filters: QueueFilters) => void;
}

/** Narrow the queue to one round, one status, or units where any coder applied a code. */
export function QueueFiltersForm({ filters, rounds, codes, onChange }: Props) {
  const codable = codes.filter((c) => c.codable);
  return (
    <form aria-label="Queue filters" className="adj-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Code
        <select
          value={filters.code ?? ''}
          onChange={(e) => onChange({ ...filters, code: e.target.value || undefined })}
        >
          <option value="">Any code</option>
          {codable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Round
        <select
          value={filters.roundId ?? ''}
          onChange={(e) => onChange({ ...filters, roundId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">All rounds</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status ?? ''}
          onChange={(e) => onChange({ ...filters, status: (e.target.value || undefined) as QueueFilters['status'] })}
        >
          <option value="">Any status</option>
          <option value="open">open</option>
          <option value="reopened">reopened</option>
          <option value="settled">settled</option>
        </select>
      </label>
    </form>
  );
}

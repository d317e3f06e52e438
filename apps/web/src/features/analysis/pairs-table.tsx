import { useState } from 'react';
import type { PairComparison } from '../../api/series.ts';
import { pValue, unit } from './format.ts';

type SortKey = 'left' | 'months' | 'rho' | 'tau';
const SORTS: Record<SortKey, (p: PairComparison) => number | string> = {
  left: (p) => p.left.toLowerCase(),
  months: (p) => -p.periods.length,
  rho: (p) => -(p.spearman?.coefficient ?? Number.NEGATIVE_INFINITY),
  tau: (p) => -(p.kendall?.coefficient ?? Number.NEGATIVE_INFINITY),
};
const LABELS: Record<SortKey, string> = { left: 'Left', months: 'Months', rho: 'Spearman ρ', tau: 'Kendall τ' };

const coefficient = (c: { coefficient: number; p: number; pHolm: number } | null) =>
  c ? `${unit(c.coefficient)} (p ${pValue(c.p)}, Holm ${pValue(c.pHolm)})` : '—';

/** Every pair with its statistics, sortable; a row's button shows that pair in the chart. */
export function PairsTable({
  pairs,
  shown,
  show,
}: {
  pairs: readonly PairComparison[];
  shown: string | null;
  show: (left: string) => void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; reverse: boolean }>({ key: 'rho', reverse: false });
  const rows = [...pairs].sort((a, b) => {
    const [x, y] = [SORTS[sort.key](a), SORTS[sort.key](b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.reverse ? -order : order;
  });
  const header = (key: SortKey) => (
    <th
      scope="col"
      className={key === 'left' ? undefined : 'num'}
      aria-sort={sort.key === key ? (sort.reverse ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="link"
        onClick={() => setSort({ key, reverse: sort.key === key ? !sort.reverse : false })}
      >
        {LABELS[key]}
      </button>
    </th>
  );
  return (
    <div className="an-scroll">
      <table className="table" aria-label="Series pairs">
        <thead>
          <tr>
            {header('left')}
            <th scope="col">Right</th>
            {header('months')}
            {header('rho')}
            {header('tau')}
            <th scope="col">Trend left</th>
            <th scope="col">Trend right</th>
            <th scope="col">Diverging</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.left} aria-selected={shown === p.left} title={p.notes.join('; ') || undefined}>
              <th scope="row">
                <button type="button" className="link" onClick={() => show(p.left)}>
                  {p.left}
                </button>
              </th>
              <td>{p.right}</td>
              <td className="num">{p.periods.length}</td>
              <td className="num">{coefficient(p.spearman)}</td>
              <td className="num">{coefficient(p.kendall)}</td>
              <td>{p.trendLeft ? `${p.trendLeft.direction} (p ${pValue(p.trendLeft.p)})` : '—'}</td>
              <td>{p.trendRight ? `${p.trendRight.direction} (p ${pValue(p.trendRight.p)})` : '—'}</td>
              <td>{p.diverging ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

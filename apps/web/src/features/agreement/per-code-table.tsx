import { useState } from 'react';
import type { AgreementSummary, CodeAgreement } from '../../api/agreement.ts';
import { formatShare } from './format.ts';
import { StatText } from './stat-value.tsx';

type SortKey = 'code' | 'prevalence' | 'kappa' | 'alpha';
type Sort = { key: SortKey; descending: boolean };

const COLUMNS: [SortKey, string][] = [
  ['code', 'Code'],
  ['prevalence', 'Prevalence'],
  ['kappa', 'κ'],
  ['alpha', 'α (nominal)'],
];

// Undefined values sort last whichever the direction, so the table's end collects them.
function compare(a: CodeAgreement, b: CodeAgreement, sort: Sort, name: (id: string) => string): number {
  const value = (c: CodeAgreement) =>
    sort.key === 'prevalence'
      ? c.prevalence
      : sort.key === 'kappa'
        ? c.kappa.value
        : sort.key === 'alpha'
          ? c.alpha.value
          : null;
  if (sort.key === 'code') return (sort.descending ? -1 : 1) * name(a.codeId).localeCompare(name(b.codeId));
  const [x, y] = [value(a), value(b)];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return (sort.descending ? -1 : 1) * (x - y);
}

/** Agreement on each code read as present/absent, with how often it was applied; click a heading to sort. */
export function PerCodeTable({ summary, codeName }: { summary: AgreementSummary; codeName: (id: string) => string }) {
  const [sort, setSort] = useState<Sort>({ key: 'prevalence', descending: true });
  const rows = [...summary.perCode].sort((a, b) => compare(a, b, sort, codeName));
  const kappaKey = summary.overall.headline.kappa;
  return (
    <section aria-labelledby="agr-codes" className="card">
      <h2 id="agr-codes">Per code</h2>
      <p className="hint">
        Each code read as present or absent in every coding. Prevalence: the share of codings that applied it. κ is{' '}
        {kappaKey === 'cohen_kappa' ? 'Cohen’s' : 'the mean pairwise Cohen’s'} κ.
      </p>
      {rows.length === 0 ? (
        <p>No code has been applied to a unit that two coders coded.</p>
      ) : (
        <table className="table agr-table" aria-label="Agreement per code">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th
                  key={key}
                  scope="col"
                  aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="agr-sort"
                    onClick={() =>
                      setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'code' }))
                    }
                  >
                    {label}
                    <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.codeId}>
                <th scope="row">{codeName(c.codeId)}</th>
                <td className="agr-num">{formatShare(c.prevalence)}</td>
                <td>
                  <StatText statKey={kappaKey} stat={c.kappa} />
                </td>
                <td>
                  <StatText statKey="krippendorff_alpha_nominal" stat={c.alpha} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

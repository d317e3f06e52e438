import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { comparisonCsvUrl, comparisonQuery, type SeriesSetSummary } from '../../api/series.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';
import { pValue, unit } from './format.ts';
import { PairChart } from './pair-chart.tsx';
import { PairsTable } from './pairs-table.tsx';

/** Two series sets compared pair by pair (matched by name, or as the user maps them), with the pooled totals. */
export function ComparisonSection({ sets }: { sets: readonly SeriesSetSummary[] }) {
  const client = useClient();
  const [left, setLeft] = useState(sets[0]!.id);
  const [right, setRight] = useState((sets[1] ?? sets[0]!).id);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<string | null>(null);
  const [cumulative, setCumulative] = useState(false);
  const request = { left, right, mapping };
  const query = useQuery(comparisonQuery(client, request));
  const c = query.data?.comparison;
  const name = (id: number) => sets.find((s) => s.id === id)?.name ?? `#${id}`;
  const pick = (which: 'left' | 'right') => (e: { target: { value: string } }) => {
    (which === 'left' ? setLeft : setRight)(Number(e.target.value));
    setMapping({});
    setShown(null);
  };
  const pair = c?.pairs.find((p) => p.left === shown) ?? c?.pairs[0];
  // A mention series set names each group's matching rules: the chart's legend (and its exports) carries them.
  const label = (id: number, rules: Record<string, string> | null | undefined, key: string | undefined) =>
    rules && key && rules[key] ? `${name(id)}; matched: ${rules[key]}` : name(id);
  const rightKeys = c ? [...new Set([...c.pairs.map((p) => p.right), ...c.unmatchedRight])].sort() : [];
  const leftKeys = c ? [...c.pairs.map((p) => p.left), ...c.unmatchedLeft] : [];
  return (
    <section className="an-compare" aria-label="Compare series">
      <div className="an-head">
        <h3>Compare</h3>
        <CsvLink href={comparisonCsvUrl(client, request)}>Comparison CSV</CsvLink>
      </div>
      <div className="inline-form">
        {(['left', 'right'] as const).map((which) => (
          <label key={which}>
            {which === 'left' ? 'Left series (e.g. forum mentions)' : 'Right series (e.g. Hub models)'}
            <select value={which === 'left' ? left : right} onChange={pick(which)}>
              {sets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <ErrorMessage error={query.error} />
      {c ? (
        <>
          <p className="hint">
            Left counts {c.left.unit}, right counts {c.right.unit} (as each set says it was counted). Each pair is
            correlated over the months both sides have (Spearman’s ρ, Kendall’s τ-b; p-values Holm-adjusted across the{' '}
            {c.pairs.length} pairs); each side’s trend is Mann–Kendall over those months (rising or falling when p &lt;{' '}
            {c.alpha}); a pair is diverging when one side rises and the other falls.
            {c.unmatchedLeft.length ? ` Not paired: ${c.unmatchedLeft.join(', ')}.` : ''}
          </p>
          <p role="status" aria-label="Pooled result">
            Pooled totals ({c.pooled.periods.length} months): Spearman ρ{' '}
            {c.pooled.spearman ? `${unit(c.pooled.spearman.coefficient)} (p ${pValue(c.pooled.spearman.p)})` : '—'},
            Kendall τ{' '}
            {c.pooled.kendall ? `${unit(c.pooled.kendall.coefficient)} (p ${pValue(c.pooled.kendall.p)})` : '—'}
          </p>
          <details>
            <summary>Edit the pairing</summary>
            <table className="table compact" aria-label="Pairing">
              <tbody>
                {leftKeys.map((l) => (
                  <tr key={l}>
                    <th scope="row">{l}</th>
                    <td>
                      <select
                        aria-label={`Pair ${l} with`}
                        value={c.pairs.find((p) => p.left === l)?.right ?? ''}
                        onChange={(e) => setMapping({ ...mapping, [l]: e.target.value })}
                      >
                        <option value="">(leave out)</option>
                        {rightKeys.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <PairsTable pairs={c.pairs} shown={pair?.left ?? null} show={setShown} />
          <label className="an-check">
            <input type="checkbox" checked={cumulative} onChange={(e) => setCumulative(e.target.checked)} /> Cumulative
          </label>
          {pair ? (
            <PairChart
              pair={pair}
              leftLabel={label(left, c.left.matching, pair.left)}
              rightLabel={label(right, c.right.matching, pair.right)}
              cumulative={cumulative}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

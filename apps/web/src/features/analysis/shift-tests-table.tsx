import type { TrendReport } from '../../api/analysis.ts';
import { fixed, pValue, unit } from './format.ts';

type Test<T> = { value: T } | { value: null; reason: string };

function Cells<T>({ test, show }: { test: Test<T>; show(v: T): (string | number)[] }) {
  if ('reason' in test) {
    return (
      <td colSpan={4} className="hint">
        not defined: {test.reason}
      </td>
    );
  }
  return show(test.value).map((x, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: cells in fixed column order
    <td key={i} className="num">
      {x}
    </td>
  ));
}

/** The chi-square of code × period, then per code Mann–Kendall and Spearman with Holm-adjusted p. */
export function ShiftTestsTable({
  tests,
  names,
  multiLabel,
}: {
  tests: TrendReport['tests'];
  names: ReadonlyMap<string, string>;
  multiLabel: boolean;
}) {
  const chi = tests.chiSquare;
  return (
    <div>
      <p className="an-chi">
        {chi.value === null ? (
          <>Chi-square test of code × period: not defined ({chi.reason}).</>
        ) : (
          <>
            Code × period: χ²({chi.value.df}) = {fixed(chi.value.statistic)}, p {chi.value.p < 0.001 ? '' : '= '}
            {pValue(chi.value.p)}, Cramér’s V = {unit(chi.value.cramersV)}, over {chi.value.n} labels of{' '}
            {chi.value.codeIds.length} codes.
          </>
        )}
      </p>
      {chi.value?.warning ? <p className="an-warning">{chi.value.warning}.</p> : null}
      {multiLabel ? (
        <p className="hint">
          Units may carry several codes, so the cells are not independent: read the chi-square as descriptive.
        </p>
      ) : null}
      <div className="an-scroll">
        <table className="table an-tests" aria-label="Trend tests per code">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Code
              </th>
              <th scope="colgroup" colSpan={4}>
                Mann–Kendall (share over time)
              </th>
              <th scope="colgroup" colSpan={4}>
                Spearman’s rho (share vs. time)
              </th>
            </tr>
            <tr>
              <th scope="col" className="num">
                S
              </th>
              <th scope="col" className="num">
                Z
              </th>
              <th scope="col" className="num">
                p
              </th>
              <th scope="col" className="num">
                p (Holm)
              </th>
              <th scope="col" className="num">
                rho
              </th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col" className="num">
                p
              </th>
              <th scope="col" className="num">
                p (Holm)
              </th>
            </tr>
          </thead>
          <tbody>
            {tests.trends.map((t) => (
              <tr key={t.codeId}>
                <th scope="row">{names.get(t.codeId) ?? t.codeId}</th>
                <Cells test={t.mannKendall} show={(v) => [v.s, fixed(v.z), pValue(v.p), pValue(v.pHolm)]} />
                <Cells test={t.spearman} show={(v) => [unit(v.rho), v.n, pValue(v.p), pValue(v.pHolm)]} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

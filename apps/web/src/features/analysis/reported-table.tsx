import type { CountsReport } from '../../api/analysis.ts';
import { fixed, percent, pValue } from './format.ts';

type Comparison = NonNullable<CountsReport['reported']>;
type Dimension = Comparison['dimensions'][number];

function testSentence(d: Dimension, names: Map<string, string>): string {
  const t = d.test;
  if (!('p' in t)) return `No goodness-of-fit test: ${t.reason}.`;
  const pooled = t.pooled.length
    ? ` Categories expected fewer than 5 times were tested as one: ${t.pooled.map((id) => names.get(id) ?? id).join(', ')}.`
    : '';
  return `Chi-square goodness of fit of our ${d.total} instances against the reported shares: χ²(${t.df}) = ${fixed(t.statistic)}, p ${pValue(t.p).startsWith('<') ? pValue(t.p) : `= ${pValue(t.p)}`}.${pooled}`;
}

/** Our counts per category beside the counts the published study reported, as shares of each dimension. */
export function ReportedTable({ comparison }: { comparison: Comparison }) {
  return (
    <section aria-labelledby="an-reported-heading" className="an-reported">
      <h3 id="an-reported-heading">Beside the published counts</h3>
      <p className="hint">Reported counts: {comparison.source}</p>
      {comparison.dimensions.map((d) => {
        const names = new Map(d.rows.map((r) => [r.codeId, r.name]));
        return (
          <div key={d.dimension} className="an-scroll">
            <table className="table" aria-label={`${d.name} beside the published study`}>
              <thead>
                <tr>
                  <th scope="col">{d.name}</th>
                  <th scope="col" className="num">
                    Reported
                  </th>
                  <th scope="col" className="num">
                    Reported share
                  </th>
                  <th scope="col" className="num">
                    Ours
                  </th>
                  <th scope="col" className="num">
                    Our share
                  </th>
                  <th scope="col" className="num">
                    Difference
                  </th>
                  <th scope="col" className="num">
                    Std. residual
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.codeId}>
                    <th scope="row">{r.name}</th>
                    <td className="num">{r.reported}</td>
                    <td className="num">{percent(r.reportedShare)}</td>
                    <td className="num">{r.units}</td>
                    <td className="num">{r.share === null ? '–' : percent(r.share)}</td>
                    <td className="num">
                      {r.shareDifference === null
                        ? '–'
                        : `${r.shareDifference > 0 ? '+' : ''}${percent(r.shareDifference)}`}
                    </td>
                    <td className="num">{r.residual === null ? '–' : fixed(r.residual)}</td>
                  </tr>
                ))}
                <tr className="an-dimension">
                  <th scope="row">All</th>
                  <td className="num">{d.reportedTotal}</td>
                  <td className="num">100.0%</td>
                  <td className="num">{d.total}</td>
                  <td className="num">{d.total ? '100.0%' : '–'}</td>
                  <td />
                  <td />
                </tr>
              </tbody>
            </table>
            <p className="hint">{testSentence(d, names)}</p>
          </div>
        );
      })}
      <p className="hint">
        Shares are of each dimension's category instances (a unit with two categories counts for both, as in the study).
        The standardized residual is (O − E) / √(E (1 − p)); beyond ±2 a category differs more than chance would
        suggest.
      </p>
    </section>
  );
}

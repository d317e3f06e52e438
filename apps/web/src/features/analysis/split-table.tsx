import type { CountsReport } from '../../api/analysis.ts';
import { percent } from './format.ts';

type Split = NonNullable<CountsReport['split']>;

/** The counts table's codes split in two groups (e.g. accepted answers vs other posts), each as units and share of its group. */
export function SplitTable({ report, split }: { report: CountsReport; split: Split }) {
  const [first, rest] = split.groups;
  return (
    <section aria-labelledby="an-split-heading" className="an-split-table">
      <h3 id="an-split-heading">
        {first.label} vs {rest.label.toLowerCase()}
      </h3>
      <div className="an-scroll">
        <table className="table" aria-labelledby="an-split-heading">
          <thead>
            <tr>
              <th scope="col">Code</th>
              {split.groups.map((g) => (
                <th key={g.label} scope="col" className="num">
                  {g.label} <span className="col-base">of {g.codedUnits}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.id} className={row.depth === 0 ? 'an-dimension' : undefined}>
                <th scope="row" style={{ paddingLeft: `${0.6 + row.depth * 1.1}rem` }}>
                  {row.name}
                </th>
                {split.groups.map((g, i) => {
                  const c = split.codes[row.id]?.[i];
                  return (
                    <td key={g.label} className="num">
                      {c?.units ? `${c.units} (${percent(c.share)})` : '0'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

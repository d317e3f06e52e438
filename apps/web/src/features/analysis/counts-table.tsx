import { seriesColor } from '@threadcoder/taxonomy';
import type { CountsReport } from '../../api/analysis.ts';
import { percent } from './format.ts';
import { Sparkline } from './sparkline.tsx';

type Row = CountsReport['rows'][number];

/** Codes in codebook order, indented by level; per-coder columns where the blind rule lets the viewer see them. */
export function CountsTable({ report, periodName }: { report: CountsReport; periodName: string }) {
  const coders = report.coders;
  // The published study's share of its dimension, for the categories it reported.
  const reported = new Map(
    (report.reported?.dimensions ?? []).flatMap((d) => d.rows.map((r) => [r.codeId, r.reportedShare] as const)),
  );
  return (
    <div className="an-scroll">
      <table className="table an-counts" aria-labelledby="an-counts-heading">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col" className="num">
              Units <span className="col-base">of {report.codedUnits} with a final label</span>
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col" className="num">
              Threads
            </th>
            {reported.size ? (
              <th scope="col" className="num">
                Reported share
              </th>
            ) : null}
            <th scope="col">Per {periodName}</th>
            {coders.map((c) => (
              <th key={c.coderId} scope="col" className="num">
                {c.name}{' '}
                <span className="col-base">
                  of {c.codedUnits} unit{c.codedUnits === 1 ? '' : 's'} you may see
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row: Row, i) => (
            <tr key={row.id} className={row.depth === 0 ? 'an-dimension' : undefined}>
              <th scope="row" style={{ paddingLeft: `${0.6 + row.depth * 1.1}rem` }}>
                {row.name}
                {row.known ? null : <span className="hint"> (not in the codebook)</span>}
              </th>
              <td className="num">{row.units}</td>
              <td className="num">{percent(row.share)}</td>
              <td className="num">{row.threads}</td>
              {reported.size ? (
                <td className="num">{reported.has(row.id) ? percent(reported.get(row.id)!) : ''}</td>
              ) : null}
              <td>
                <Sparkline
                  values={row.counts}
                  label={`${row.name} per ${periodName}`}
                  color={seriesColor(row.color, i)}
                />
              </td>
              {coders.map((c) => {
                const n = c.codes[row.id];
                return (
                  <td key={c.coderId} className="num">
                    {n ? `${n.units} (${percent(n.share, 0)})` : '0'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {coders.some((c) => c.codedUnits !== report.codedUnits) ? (
        <p className="hint">
          The columns count different units: the final labels cover {report.codedUnits}, while each coder’s column
          counts only the units whose codings the blind rule lets you see.
        </p>
      ) : null}
    </div>
  );
}

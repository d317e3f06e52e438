import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgreementSummary, RoundAgreement } from '../../api/agreement.ts';
import { formatStat, statName } from './format.ts';
import { StatText } from './stat-value.tsx';

const headline = (round: RoundAgreement, which: 'kappa' | 'alpha') =>
  round.statistics.find((s) => s.key === round.headline[which]);

/** One point per round: the kappa and alpha the API computed for it (gaps where not defined). */
function chartData(rounds: RoundAgreement[]) {
  return rounds.map((r) => ({
    name: r.name,
    kappa: headline(r, 'kappa')?.value ?? null,
    alpha: headline(r, 'alpha')?.value ?? null,
  }));
}

// Fixed size (no ResponsiveContainer): the chart renders the same in a browser and in jsdom.
const WIDTH = 640;
const HEIGHT = 260;

/** Axis from 0 (or below, for a negative kappa) to 1 in steps of .2. */
function ticksFor(data: ReturnType<typeof chartData>): number[] {
  const values = data.flatMap((d) => [d.kappa, d.alpha]).filter((v) => v !== null);
  const low = Math.min(0, Math.floor(Math.min(...values, 0) * 5) / 5);
  return Array.from({ length: Math.round((1 - low) * 5) + 1 }, (_, i) => Number((low + i * 0.2).toFixed(1)));
}

function RoundsTable({ rounds }: { rounds: RoundAgreement[] }) {
  return (
    <table className="table agr-table" aria-label="Agreement per round">
      <thead>
        <tr>
          <th scope="col">Round</th>
          <th scope="col">Status</th>
          <th scope="col">Units</th>
          <th scope="col">Percent agreement</th>
          <th scope="col">κ</th>
          <th scope="col">α</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => {
          const kappa = headline(r, 'kappa');
          const alpha = headline(r, 'alpha');
          const pa = r.statistics.find((s) => s.key === 'percent_agreement');
          return (
            <tr key={r.id}>
              <th scope="row">
                {r.name} <span className="hint">({r.kind})</span>
              </th>
              <td>{r.status === 'closed' ? 'closed' : r.unblinded ? 'open, unblinded' : 'open'}</td>
              <td className="agr-num">{r.units}</td>
              <td>{pa ? <StatText statKey={pa.key} stat={pa} /> : null}</td>
              <td title={kappa ? statName(kappa.key) : undefined}>
                {kappa ? <StatText statKey={kappa.key} stat={kappa} /> : null}
              </td>
              <td title={alpha ? statName(alpha.key) : undefined}>
                {alpha ? <StatText statKey={alpha.key} stat={alpha} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Whether calibration is paying off: kappa and alpha round by round, with a table of the same numbers. */
export function RoundsChart({ summary }: { summary: AgreementSummary }) {
  const { rounds } = summary;
  const alphaKey = summary.overall.headline.alpha;
  const data = chartData(rounds);
  const ticks = ticksFor(data);
  const format = (v: unknown) => (typeof v === 'number' ? formatStat('cohen_kappa', v) : 'not defined');
  return (
    <section aria-labelledby="agr-rounds" className="card">
      <h2 id="agr-rounds">Per round</h2>
      <div className="agr-rounds">
        <figure className="agr-chart" aria-label="Agreement by round">
          <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 10, right: 24, bottom: 20, left: 12 }}>
            <CartesianGrid stroke="#e5e9ee" />
            <XAxis
              dataKey="name"
              padding={{ left: 40, right: 40 }}
              interval={0}
              label={{ value: 'Round', position: 'insideBottom', offset: -12, fill: '#59636e', fontSize: 12 }}
            />
            <YAxis
              domain={[ticks[0]!, 1]}
              ticks={ticks}
              tickFormatter={(v: number) => v.toFixed(1)}
              label={{
                value: 'Coefficient',
                angle: -90,
                position: 'insideLeft',
                style: { textAnchor: 'middle', fill: '#59636e', fontSize: 12 },
              }}
            />
            <ReferenceLine y={0.8} stroke="#1a7f37" strokeDasharray="4 4" />
            <ReferenceLine y={0.667} stroke="#9a6700" strokeDasharray="4 4" />
            <Tooltip formatter={format} />
            <Legend />
            <Line type="linear" dataKey="kappa" name="κ" stroke="#2f5fb3" strokeWidth={2} isAnimationActive={false} />
            <Line
              type="linear"
              dataKey="alpha"
              name={statName(alphaKey).replace('Krippendorff’s ', '')}
              stroke="#b35c2f"
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
          <figcaption className="hint">
            Dashed lines: α = .800 (reliable) and .667 (tentative conclusions only). A round without a value leaves a
            gap.
          </figcaption>
        </figure>
        <RoundsTable rounds={rounds} />
      </div>
    </section>
  );
}

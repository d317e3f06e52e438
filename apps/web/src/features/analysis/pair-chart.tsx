import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PairComparison } from '../../api/series.ts';
import { ChartFrame } from './chart-frame.tsx';
import { seriesColor } from '@threadcoder/taxonomy';

/** One pair's two series overlaid, each on its own y axis (left: the left set, right: the right set), monthly or cumulative. */
export function PairChart({
  pair,
  leftLabel,
  rightLabel,
  cumulative,
}: {
  pair: PairComparison;
  leftLabel: string;
  rightLabel: string;
  cumulative: boolean;
}) {
  const data = pair.chart.map((p) => ({
    period: p.period,
    left: cumulative ? p.leftCumulative : p.left,
    right: cumulative ? p.rightCumulative : p.right,
  }));
  const legend = [
    { name: `${pair.left} — ${leftLabel} (left axis)`, color: seriesColor(null, 0) },
    { name: `${pair.right} — ${rightLabel} (right axis)`, color: seriesColor(null, 1) },
  ];
  const tick = { fontSize: 12, fill: '#59636e' };
  const title = `${pair.left} vs ${pair.right}, ${cumulative ? 'cumulative' : 'per month'}`;
  return (
    <ChartFrame
      title={title}
      filename={`series-${pair.left}-${pair.right}-${cumulative ? 'cumulative' : 'monthly'}`}
      legend={legend}
    >
      <LineChart width={760} height={320} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e6e9ed" vertical={false} />
        <XAxis dataKey="period" tick={tick} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="left" tick={tick} width={56} stroke={legend[0]!.color} />
        <YAxis yAxisId="right" orientation="right" tick={tick} width={56} stroke={legend[1]!.color} />
        <Tooltip />
        <Line
          yAxisId="left"
          type="linear"
          dataKey="left"
          name={legend[0]!.name}
          stroke={legend[0]!.color}
          strokeWidth={2}
          dot={{ r: 2.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="right"
          type="linear"
          dataKey="right"
          name={legend[1]!.name}
          stroke={legend[1]!.color}
          strokeWidth={2}
          strokeDasharray="6 3"
          dot={{ r: 2.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}

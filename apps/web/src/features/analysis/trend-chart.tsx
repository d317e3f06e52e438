import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LegendItem } from './chart-export.ts';
import { ChartFrame } from './chart-frame.tsx';
import { percent } from './format.ts';

export interface ChartSeries extends LegendItem {
  values: readonly number[];
}

/**
 * Lines or stacked areas of series over periods; values are counts or shares (0–1), as the API
 * gave them. Series keys are positional (s0, s1, …) because code ids may contain dots, which
 * Recharts would read as paths.
 */
export function TrendChart({
  title,
  filename,
  periods,
  series,
  share,
  kind,
}: {
  title: string;
  filename: string;
  periods: readonly { label: string }[];
  series: readonly ChartSeries[];
  share: boolean;
  kind: 'line' | 'area';
}) {
  const data = periods.map((p, i) =>
    Object.fromEntries([['period', p.label], ...series.map((s, k) => [`s${k}`, s.values[i] ?? 0])]),
  );
  const axis = {
    x: (
      <XAxis
        dataKey="period"
        tick={{ fontSize: 12, fill: '#59636e' }}
        interval="preserveStartEnd"
        minTickGap={16}
        label={{ value: 'Period', position: 'insideBottom', offset: -12, fill: '#59636e', fontSize: 12 }}
      />
    ),
    y: (
      <YAxis
        tick={{ fontSize: 12, fill: '#59636e' }}
        allowDecimals={share}
        tickFormatter={(v: number) => (share ? percent(v, 0) : String(v))}
        width={48}
        label={{
          value: share ? 'Share of coded units' : 'Units',
          angle: -90,
          position: 'insideLeft',
          style: { textAnchor: 'middle', fill: '#59636e', fontSize: 12 },
        }}
      />
    ),
    grid: <CartesianGrid stroke="#e6e9ed" vertical={false} />,
    tooltip: <Tooltip formatter={(v) => (share ? percent(Number(v)) : String(v))} />,
  };
  const size = { width: 760, height: 320, margin: { top: 8, right: 36, bottom: 24, left: 12 } };
  return (
    <ChartFrame title={title} filename={filename} legend={series}>
      {kind === 'line' ? (
        <LineChart {...size} data={data}>
          {axis.grid}
          {axis.x}
          {axis.y}
          {axis.tooltip}
          {series.map((s, k) => (
            <Line
              key={s.name}
              type="linear"
              dataKey={`s${k}`}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={{ r: 2.5 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <AreaChart {...size} data={data}>
          {axis.grid}
          {axis.x}
          {axis.y}
          {axis.tooltip}
          {series.map((s, k) => (
            <Area
              key={s.name}
              type="linear"
              dataKey={`s${k}`}
              name={s.name}
              stackId="stack"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      )}
    </ChartFrame>
  );
}

import { seriesColor } from '@threadcoder/taxonomy';
import { Bar, BarChart, CartesianGrid, Cell, XAxis, YAxis } from 'recharts';
import type { CountsReport } from '../../api/analysis.ts';
import { ChartFrame } from './chart-frame.tsx';

/** Units per code as horizontal bars: the codes coders apply (not the folders above them), largest first. */
export function CountsBarChart({ report, filename }: { report: CountsReport; filename: string }) {
  const bars = report.rows
    .map((r, i) => ({
      name: r.name,
      units: r.units,
      color: seriesColor(r.color, i),
      codable: r.codable && !r.hasChildren,
    }))
    .filter((r) => r.codable && r.units > 0)
    .sort((a, b) => b.units - a.units);
  if (bars.length === 0) return null;
  return (
    <ChartFrame title="Units per code" filename={filename}>
      <BarChart
        width={760}
        height={56 + bars.length * 26}
        data={bars}
        layout="vertical"
        margin={{ top: 4, right: 24, bottom: 20, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="#e6e9ed" />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={{ fontSize: 12, fill: '#59636e' }}
          label={{
            value: 'Units with the final label',
            position: 'insideBottom',
            offset: -12,
            fill: '#59636e',
            fontSize: 12,
          }}
        />
        <YAxis type="category" dataKey="name" width={260} tick={{ fontSize: 12, fill: '#1f2328' }} interval={0} />
        <Bar dataKey="units" name="Units" isAnimationActive={false} barSize={16}>
          {bars.map((b) => (
            <Cell key={b.name} fill={b.color} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

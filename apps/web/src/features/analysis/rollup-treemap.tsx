import { seriesColor } from '@threadcoder/taxonomy';
import { Treemap } from 'recharts';
import type { CountsReport } from '../../api/analysis.ts';
import { ChartFrame } from './chart-frame.tsx';

type Row = CountsReport['rows'][number];
interface Leaf {
  [key: string]: unknown;
  name: string;
  size: number;
  fill: string;
}
interface Group {
  [key: string]: unknown;
  name: string;
  children: (Leaf | Group)[];
}

/**
 * The codebook as the study draws its taxonomy: one box per code sized by the units carrying it,
 * nested in its category and dimension. A category's own labels ("category only") are a box of their own.
 */
function nest(rows: readonly Row[], parentId: string | null): (Leaf | Group)[] {
  return rows.flatMap((row, i): (Leaf | Group)[] => {
    if (row.parentId !== parentId) return [];
    const fill = seriesColor(row.color, i);
    const children = nest(rows, row.id);
    const own =
      row.directUnits > 0
        ? [{ name: children.length ? `${row.name} (category only)` : row.name, size: row.directUnits, fill }]
        : [];
    const all = [...own, ...children];
    if (all.length === 0) return [];
    return children.length || row.parentId === null ? [{ name: row.name, children: all }] : own;
  });
}

export function RollupTreemap({ report, filename }: { report: CountsReport; filename: string }) {
  const data = nest(report.rows, null);
  if (data.length === 0) return null;
  return (
    <ChartFrame title="Taxonomy roll-up" filename={filename}>
      <Treemap
        width={760}
        height={420}
        data={data}
        dataKey="size"
        nameKey="name"
        stroke="#fff"
        isAnimationActive={false}
        content={<Box />}
      />
    </ChartFrame>
  );
}

/** One box with its name where it fits. */
function Box(props: {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  name?: string;
  fill?: string;
  depth?: number;
}) {
  const { x = 0, y = 0, width = 0, height = 0, name = '', fill, depth = 0 } = props;
  if (depth === 0) return null;
  const leaf = fill !== undefined;
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={leaf ? fill : 'none'}
        stroke="#fff"
        strokeWidth={leaf ? 1 : 3}
      />
      {leaf && width > 60 && height > 18 ? (
        <text x={x + 4} y={y + 14} fontSize={11} fill="#1f2328">
          {name.length * 6 > width ? `${name.slice(0, Math.max(1, Math.floor(width / 6) - 1))}…` : name}
        </text>
      ) : null}
    </g>
  );
}

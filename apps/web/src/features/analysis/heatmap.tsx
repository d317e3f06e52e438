import type { Cooccurrence } from '../../api/analysis.ts';
import { unit } from './format.ts';

// Sequential blues (light = 0, dark = the largest value); text turns white on dark cells.
const stops = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
];

export function heatColor(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  return `rgb(${a.map((c, k) => Math.round(c + (b[k]! - c) * f)).join(',')})`;
}

/** The co-occurrence matrix as an SVG grid with a legend; the table beside it is the accessible version. */
export function Heatmap({ data, measure }: { data: Cooccurrence; measure: 'jaccard' | 'counts' }) {
  const n = data.codes.length;
  const cell = Math.max(22, Math.min(40, Math.floor(520 / Math.max(1, n))));
  const label = 210;
  const values = measure === 'jaccard' ? data.jaccard : data.counts;
  const max =
    measure === 'jaccard' ? 1 : Math.max(1, ...data.counts.flatMap((row, i) => row.filter((_, j) => j !== i)));
  // Room on the right for the slanted labels of the last columns.
  const width = label + n * cell + 150;
  const height = label * 0.7 + n * cell + 56;
  const top = label * 0.7;
  const short = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);
  return (
    <svg
      role="img"
      aria-label={`Co-occurrence heatmap (${measure === 'jaccard' ? 'Jaccard' : 'units with both codes'}); the table gives the same numbers`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="an-heatmap"
      fontSize={11}
    >
      {data.codes.map((c, j) => (
        <text
          key={c.id}
          transform={`translate(${label + j * cell + cell / 2 + 4}, ${top - 6}) rotate(-45)`}
          fill="#1f2328"
        >
          {/* A shortened label keeps the full name as its tooltip. */}
          <title>{c.name}</title>
          {short(c.name)}
        </text>
      ))}
      {data.codes.map((row, i) => (
        <g key={row.id}>
          <text x={label - 6} y={top + i * cell + cell / 2 + 4} textAnchor="end" fill="#1f2328">
            <title>{row.name}</title>
            {short(row.name)}
          </text>
          {data.codes.map((col, j) => {
            const v = values[i]![j]!;
            const diagonal = i === j;
            const t = diagonal ? 0 : v / max;
            return (
              <g key={col.id}>
                <rect
                  x={label + j * cell}
                  y={top + i * cell}
                  width={cell - 1}
                  height={cell - 1}
                  fill={diagonal ? '#eef0f3' : heatColor(t)}
                >
                  <title>{`${row.name} × ${col.name}: ${measure === 'jaccard' ? unit(v) : v}`}</title>
                </rect>
                {cell >= 26 && !diagonal && v > 0 ? (
                  <text
                    x={label + j * cell + (cell - 1) / 2}
                    y={top + i * cell + cell / 2 + 4}
                    textAnchor="middle"
                    fill={t > 0.55 ? '#fff' : '#1f2328'}
                    fontSize={10}
                  >
                    {measure === 'jaccard' ? unit(v) : v}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
      <g transform={`translate(${label}, ${top + n * cell + 16})`}>
        {Array.from({ length: 5 }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed five-step legend; position is the identity
          <rect key={k} x={k * 36} y={0} width={36} height={10} fill={heatColor(k / 4)} />
        ))}
        <text x={0} y={26} fill="#59636e">
          0
        </text>
        <text x={180} y={26} textAnchor="end" fill="#59636e">
          {measure === 'jaccard' ? '1' : max}
        </text>
        <text x={196} y={9} fill="#59636e">
          {measure === 'jaccard' ? 'Jaccard' : 'units with both codes'}
        </text>
      </g>
    </svg>
  );
}

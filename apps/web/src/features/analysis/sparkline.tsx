/** A small inline line of a code's counts per period; its label reads the values out. */
export function Sparkline({
  values,
  label,
  color = 'currentColor',
  width = 96,
  height = 22,
}: {
  values: readonly number[];
  label: string;
  color?: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map(
    (v, i) => `${(2 + i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
  );
  return (
    <svg
      className="an-spark"
      role="img"
      aria-label={`${label}: ${values.join(', ')}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <line x1={2} x2={width - 2} y1={height - 2} y2={height - 2} stroke="#d8dee4" strokeWidth={1} />
      {values.length > 1 ? (
        <polyline points={points.join(' ')} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" />
      ) : null}
      {values.length === 1 ? <circle cx={width / 2} cy={points[0]!.split(',')[1]} r={2} fill={color} /> : null}
    </svg>
  );
}

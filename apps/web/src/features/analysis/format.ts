// How the analysis page writes the numbers the API computed.

export const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;

/** p-values APA style: no leading zero, "< .001" for tiny ones. */
export function pValue(p: number): string {
  if (p < 0.001) return '< .001';
  return p.toFixed(3).replace(/^0/, '');
}

export const fixed = (x: number, digits = 2) => x.toFixed(digits);

/** A statistic bounded by 1 (rho, V, Jaccard) without the leading zero. */
export const unit = (x: number, digits = 2) => x.toFixed(digits).replace(/^(-?)0\./, '$1.');

// Colour-blind-safe (Okabe–Ito, then Tol's muted) for codes without a colour of their own.
const palette = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#332288',
  '#999933',
  '#882255',
  '#44AA99',
  '#AA4499',
  '#117733',
];

/** A code's own colour, else a stable palette colour by its position in the list. */
export function seriesColor(color: string | null | undefined, index: number): string {
  return color ?? palette[index % palette.length]!;
}

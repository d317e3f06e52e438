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

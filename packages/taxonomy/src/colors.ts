// Default code colors. Hues step by the golden angle so that neighbours in a
// codebook (which sit next to each other on the coding screen) never look
// alike, however many codes there are; two lightness levels alternate so even
// close hues far apart in the list stay distinguishable.
const GOLDEN_ANGLE = 137.508;

/** The i-th default color, #RRGGBB. */
export function defaultColor(index: number): string {
  const hue = (index * GOLDEN_ANGLE + 20) % 360;
  const lightness = index % 2 === 0 ? 0.45 : 0.58;
  return hslToHex(hue, 0.62, lightness);
}

/** `count` distinct default colors, skipping any in `used` (compared case-insensitively). */
export function freeColors(count: number, used: Iterable<string | null> = []): string[] {
  const taken = new Set<string>();
  for (const color of used) if (color !== null) taken.add(color.toUpperCase());
  const out: string[] = [];
  for (let index = 0; out.length < count; index += 1) {
    const color = defaultColor(index);
    if (taken.has(color)) continue;
    taken.add(color);
    out.push(color);
  }
  return out;
}

/** The first default color not in `used`. */
export function nextFreeColor(used: Iterable<string | null>): string {
  return freeColors(1, used)[0] as string;
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(hue / 60);
  const sectors: [number, number, number][] = [
    [chroma, x, 0],
    [x, chroma, 0],
    [0, chroma, x],
    [0, x, chroma],
    [x, 0, chroma],
    [chroma, 0, x],
  ];
  const [r, g, b] = sectors[sector] ?? [0, 0, 0];
  const hex = (value: number) =>
    Math.round((value + m) * 255)
      .toString(16)
      .padStart(2, '0')
      .toUpperCase();
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

// Chart series without a colour of their own, the same on the Analysis page and in the report:
// colour-blind-safe, Okabe–Ito first, then Tol's muted.
const SERIES_PALETTE = [
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

/** A series' own colour, else a stable palette colour by its position in the list. */
export function seriesColor(color: string | null | undefined, index: number): string {
  return color ?? SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}

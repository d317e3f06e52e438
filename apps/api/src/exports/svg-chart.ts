// A line chart as inline SVG, drawn on the server from numbers the report already has: one
// polyline per series over evenly spaced periods, a y axis from 0 to the largest value
// (shares, shown as percentages), period labels thinned to fit, and a legend. No script, no
// external resources: it prints and survives being saved. Every text goes through xmlText.
import { seriesColor } from '@threadcoder/taxonomy';
import { xmlAttr, xmlText } from './xml.ts';

export interface ChartSeries {
  name: string;
  color: string | null;
  values: readonly number[];
}

const W = 640;
const H = 260;
const M = { top: 12, right: 32, bottom: 44, left: 48 };

const niceMax = (x: number) => {
  if (x <= 0) return 0.1;
  const step = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((k) => k * step).find((v) => v >= x)!;
};
const r = (x: number) => Math.round(x * 10) / 10;

export function lineChartSvg(title: string, periods: readonly string[], series: readonly ChartSeries[]): string {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (periods.length <= 1 ? plotW / 2 : (i * plotW) / (periods.length - 1));
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${xmlAttr(title)}" class="chart">`,
    `<title>${xmlText(title)}</title>`,
  ];
  // Round gridlines: a maximum of 2·10^k in four steps, 1, 2.5 or 5·10^k in five.
  const lead = Math.round((top / 10 ** Math.floor(Math.log10(top))) * 10) / 10;
  const steps = lead === 2 ? 4 : 5;
  for (let k = 0; k <= steps; k++) {
    const v = (top * k) / steps;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r(y(v))}" y2="${r(y(v))}" class="grid"/>`);
    out.push(
      `<text x="${M.left - 6}" y="${r(y(v)) + 4}" text-anchor="end" class="tick">${Number((v * 100).toFixed(1))}%</text>`,
    );
  }
  // At most twelve labels, evenly spaced and counted back from the last period, which is always labelled.
  const every = Math.max(1, Math.ceil(periods.length / 12));
  const last = periods.length - 1;
  periods.forEach((p, i) => {
    if ((last - i) % every === 0) {
      out.push(`<text x="${r(x(i))}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${xmlText(p)}</text>`);
    }
  });
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + plotH}" y2="${M.top + plotH}" class="axis"/>`);
  series.forEach((s, k) => {
    const color = seriesColor(s.color, k);
    const points = s.values.map((v, i) => `${r(x(i))},${r(y(v))}`).join(' ');
    out.push(
      `<polyline points="${points}" fill="none" stroke="${xmlAttr(color)}" stroke-width="2"><title>${xmlText(s.name)}</title></polyline>`,
    );
    if (s.values.length === 1)
      out.push(`<circle cx="${r(x(0))}" cy="${r(y(s.values[0]!))}" r="3" fill="${xmlAttr(color)}"/>`);
  });
  out.push('</svg>');
  const legend = series
    .map(
      (s, k) =>
        `<li><span class="swatch" style="background:${xmlAttr(seriesColor(s.color, k))}"></span>${xmlText(s.name)}</li>`,
    )
    .join('');
  return `${out.join('\n')}\n<ul class="legend">${legend}</ul>`;
}

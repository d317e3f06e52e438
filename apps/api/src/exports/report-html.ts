// The report as one self-contained, printable HTML page: inline CSS with print rules (A4,
// no table or chart split across pages), inline SVG charts (svg-chart.ts), no script and
// nothing fetched. Every user text (study, code and round names, definitions, seeds) is
// escaped on the way out.
import type { Block } from './report-doc.ts';
import { lineChartSvg } from './svg-chart.ts';
import { xmlText as esc } from './xml.ts';

const CSS = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; font-size: 0.9rem; }
caption { text-align: left; font-style: italic; padding-bottom: 0.25rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; vertical-align: top; text-align: left; }
th { vertical-align: bottom; hyphens: auto; overflow-wrap: break-word; }
.chart { max-width: 100%; height: auto; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figcaption { font-style: italic; }
.chart .grid { stroke: #e3e3e3; } .chart .axis { stroke: #888; } .chart .tick { font-size: 11px; fill: #555; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: middle; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 9pt; }
}`;

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => (b.numeric?.includes(i) ? ' class="num"' : '');
  const lines = (s: string) => esc(s).replace(/\r\n?|\n/g, '<br>');
  if (b.rows.length === 0) return `<p class="empty"><em>${esc(b.caption)}</em>: none yet.</p>`;
  return [
    '<table>',
    `<caption>${esc(b.caption)}</caption>`,
    `<thead><tr>${b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${b.rows.map((row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${lines(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

export function renderHtml(title: string, blocks: readonly Block[]): string {
  const body = blocks.map((b): string => {
    switch (b.kind) {
      case 'heading':
        return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
      case 'paragraph':
        return `<p>${esc(b.text).replace(/\r\n?|\n/g, '<br>')}</p>`;
      case 'list':
        return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
      case 'table':
        return table(b);
      default:
        return `<figure>\n${lineChartSvg(b.title, b.periods, b.series)}\n<figcaption>${esc(b.title)}</figcaption>\n</figure>`;
    }
  });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

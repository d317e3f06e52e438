// Charts leave the page as SVG (the chart's own <svg>, serialized) or PNG (that SVG drawn on a
// canvas at twice the size). A title and the legend, which the page shows as HTML, are drawn
// into the exported image so it stands on its own.

export interface LegendItem {
  name: string;
  color: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const NS = 'http://www.w3.org/2000/svg';

function el(doc: Document, name: string, attrs: Record<string, string | number>, text?: string): Element {
  const node = doc.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A standalone SVG document: the chart moved down under a title, with the legend below it and a white background. */
export function exportableSvg(svg: SVGSVGElement, title: string, legend: readonly LegendItem[]): string {
  const width = Number(svg.getAttribute('width')) || svg.viewBox.baseVal?.width || 600;
  const height = Number(svg.getAttribute('height')) || svg.viewBox.baseVal?.height || 300;
  const column = 250;
  const perRow = Math.max(1, Math.floor((width - 24) / column));
  const legendHeight = Math.ceil(legend.length / perRow) * 20;
  const top = 32;
  const total = top + height + (legend.length ? legendHeight + 12 : 0);
  const doc = svg.ownerDocument;
  // No xmlns attribute: the serializer declares the namespace of an element made with createElementNS.
  const out = el(doc, 'svg', {
    width,
    height: total,
    viewBox: `0 0 ${width} ${total}`,
    'font-family': FONT,
    'font-size': 12,
  });
  out.appendChild(el(doc, 'rect', { x: 0, y: 0, width, height: total, fill: '#ffffff' }));
  out.appendChild(el(doc, 'text', { x: 12, y: 21, 'font-size': 15, 'font-weight': 600, fill: '#1f2328' }, title));
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(top));
  chart.removeAttribute('style');
  chart.removeAttribute('class');
  out.appendChild(chart);
  legend.forEach((item, i) => {
    const x = 12 + (i % perRow) * column;
    const y = top + height + 12 + Math.floor(i / perRow) * 20;
    out.appendChild(el(doc, 'rect', { x, y: y + 2, width: 12, height: 12, rx: 2, fill: item.color }));
    out.appendChild(
      el(
        doc,
        'text',
        { x: x + 18, y: y + 12, fill: '#1f2328' },
        item.name.length > 36 ? `${item.name.slice(0, 35)}…` : item.name,
      ),
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(markup: string, filename: string): void {
  save(new Blob([markup], { type: 'image/svg+xml' }), filename);
}

/** Draws the SVG on a canvas (scale × its size) and saves it as PNG. */
export async function downloadPng(markup: string, filename: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((ok, fail) => {
      image.onload = () => ok();
      image.onerror = () => fail(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = image.width * scale;
    canvas.height = image.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
    if (!blob) throw new Error('The browser could not encode the PNG.');
    save(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}

import { render } from '@testing-library/react';
import { expect, test } from 'vitest';
import { exportableSvg } from '../../apps/web/src/features/analysis/chart-export.ts';
import { Heatmap, heatColor } from '../../apps/web/src/features/analysis/heatmap.tsx';

const data = {
  codes: [
    { id: 'a', name: 'Alpha', units: 3 },
    { id: 'b', name: 'Beta', units: 2 },
  ],
  counts: [
    [3, 1],
    [1, 2],
  ],
  jaccard: [
    [1, 0.25],
    [0.25, 1],
  ],
};

test('an exported chart is a standalone SVG with a white background, the title, the chart and its legend', () => {
  const { container } = render(<Heatmap data={data} measure="jaccard" />);
  const svg = container.querySelector('svg')!;
  const markup = exportableSvg(svg, 'Codes on the same unit', [
    { name: 'Alpha', color: '#0072B2' },
    { name: 'A code with a very long name that goes on and on', color: '#E69F00' },
  ]);
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  expect(markup.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
    true,
  );
  expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
  // Title band 32, the chart, then the legend: one 250-px column fits this 440-px chart, so two rows of 20.
  expect(Number(root.getAttribute('height'))).toBe(32 + Number(svg.getAttribute('height')) + 2 * 20 + 12);
  expect(root.querySelector('rect')!.getAttribute('fill')).toBe('#ffffff');
  const texts = [...root.children].filter((e) => e.tagName === 'text').map((t) => t.textContent);
  expect(texts).toEqual(['Codes on the same unit', 'Alpha', 'A code with a very long name that g…']);
  // The chart itself, moved under the title; its cells keep their tooltips.
  const chart = root.querySelector('svg')!;
  expect(chart.getAttribute('y')).toBe('32');
  // Labels carry their full name as a tooltip too; the cells' tooltips name both codes.
  const tooltips = [...chart.querySelectorAll('title')].map((t) => t.textContent);
  expect(tooltips).toContain('Alpha × Alpha: 1.00');
  expect(tooltips).toContain('Alpha × Beta: .25');
});

test('the heatmap scale runs from white-blue to dark blue', () => {
  expect(heatColor(0)).toBe('rgb(247,251,255)');
  expect(heatColor(1)).toBe('rgb(8,48,107)');
  expect(heatColor(0.5)).toBe('rgb(107,174,214)');
  expect(heatColor(2)).toBe(heatColor(1));
});

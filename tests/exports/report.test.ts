import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { lineChartSvg } from '../../apps/api/src/exports/svg-chart.ts';
import { parseXml, walk } from './qdpx-read.ts';
import { smallStudy, type SmallStudy } from './small-study.ts';

const now = new Date('2024-05-01T00:00:00.000Z');
const report = (x: SmallStudy, format: 'md' | 'html', period?: 'month' | 'quarter' | 'year') =>
  exportFile(x.t.db, x.studyId, 'report', OPERATOR, { format, period, now }) as {
    filename: string;
    contentType: string;
    body: string;
  };

describe('the report', () => {
  let s: SmallStudy;
  beforeAll(async () => {
    s = await smallStudy();
  });
  afterAll(() => s.t.close());

  test('Markdown: the sections a methods and results section needs, in order', () => {
    const { filename, contentType, body } = report(s, 'md');
    expect(filename).toBe('study-1-small-study-report.md');
    expect(contentType).toBe('text/markdown; charset=utf-8');
    expect(body.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Small study: methods and results',
      '## Sample',
      '## Coders and rounds',
      '## Agreement',
      '## Taxonomy',
      '## Trends',
    ]);
  });

  test('Markdown: sampling with seeds and strata, coders and rounds, agreement with seeded bootstrap intervals', () => {
    const { body } = report(s, 'md');
    expect(body).toContain(
      'The population is the 2 threads (4 posts) selected into the study; 4 posts were sampled from it.',
    );
    expect(body).toContain(
      'Into round “Calibration”: 3 units drawn by stratified random sampling (strata: month, proportional allocation with largest-remainder rounding) from a population of 4 posts not yet sampled, with seed “calib-seed”; every unit was assigned to all 2 coders, on 2024-01-15.',
    );
    expect(body).toContain('| 2022-04 | 2 | 2 |');
    expect(body).toContain('| Calibration | calibration | closed | 3 | no | 2024-02-20 |');
    expect(body).toContain('| cora | coder | Calibration | 3 | 3 | 0 |');
    expect(body).toContain('3 units are settled');
    expect(body).toContain('Adjudications: 1 settled, 0 open, 0 reopened.');
    // Percent agreement reads as on the Agreement page (features/agreement/format.ts): a percentage.
    expect(body.split('\n').filter((l) => l.startsWith('| Percent agreement |'))).toEqual([
      '| Percent agreement | 66.7% | 0.0% to 100.0% |  |',
    ]);
    expect(body).toMatch(/Cohen’s κ = 0\.571 \(95% CI -?\d\.\d{3} to \d\.\d{3}\)/);
    expect(body).toContain('Intervals are 95% bootstrap percentile intervals (1000 resamples of units, seed 1).');
    // Seeded: the same report twice is the same text.
    expect(report(s, 'md').body).toBe(body);
  });

  test('Markdown: the taxonomy with definitions and counts, and counts per period pointing to the CSV', () => {
    const { body } = report(s, 'md');
    expect(body).toContain('| Challenge &gt; Documentation gaps | Missing or unclear documentation. | 1 | 33.3% |');
    expect(body).toContain('| Benefit &gt; Model reuse | Reusing a pretrained model. | 0 | 0.0% |');
    const table = body.slice(body.indexOf('*Challenge: settled units per quarter*'));
    expect(table.split('\n').slice(2, 7)).toEqual([
      '| Quarter | Settled units | Challenge (all) | Documentation gaps | Environment setup |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| 2022 Q1 | 1 | 1 | 1 | 0 |',
      '| 2022 Q2 | 2 | 1 | 0 | 1 |',
      '| Total | 3 | 2 | 1 | 1 |',
    ]);
    expect(body).not.toContain('Benefit: settled units'); // no settled unit carries a benefit
    expect(body).toContain('threadcoder export counts --study 1 --period quarter');
    expect(body).not.toContain('<svg');
    const months = report(s, 'md', 'month').body.split('## Trends')[1]!;
    expect(months.match(/^\| 2022-0\d \|/gm)).toEqual(['| 2022-01 |', '| 2022-02 |', '| 2022-03 |', '| 2022-04 |']);
  });

  test('HTML: one printable page with print CSS, the same sections, tables and an inline SVG chart per dimension', () => {
    const { filename, contentType, body } = report(s, 'html');
    expect(filename).toBe('study-1-small-study-report.html');
    expect(contentType).toBe('text/html; charset=utf-8');
    expect(body.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(body).toContain('@media print');
    expect(body).toContain('@page { size: A4;');
    expect(body.match(/<h2>[^<]*<\/h2>/g)).toEqual([
      '<h2>Sample</h2>',
      '<h2>Coders and rounds</h2>',
      '<h2>Agreement</h2>',
      '<h2>Taxonomy</h2>',
      '<h2>Trends</h2>',
    ]);
    expect(body).not.toMatch(/<script|<link|src=/i);
    const svgs = body.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(1); // Challenge has labelled codes; Benefit has none
    const svg = parseXml(svgs[0]!);
    expect(svg.attrs['aria-label']).toBe('Challenge: share of settled units per quarter');
    const lines = [...walk(svg)].filter((e) => e.name === 'polyline');
    expect(lines.map((l) => l.children[0]!.text)).toEqual(['Documentation gaps', 'Environment setup']);
    expect(lines.map((l) => l.attrs.points!.split(' ').length)).toEqual([2, 2]);
  });
});

describe('escaping user text', () => {
  let e: SmallStudy;
  beforeAll(async () => {
    e = await smallStudy({ evil: true });
  });
  afterAll(() => e.t.close());

  test('Markdown: a <script> in a code name, a definition or the study name is written as text', () => {
    const { body } = report(e, 'md');
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('Docs &lt;script&gt;alert("name")&lt;/script&gt;');
    expect(body).toContain('Missing &lt;script&gt;alert("definition")&lt;/script&gt; docs &amp; guides.');
    expect(body).toContain('# Study &lt;script&gt;alert("study")&lt;/script&gt;: methods and results');
  });

  test('HTML: no user text opens a tag, in the page, the tables or the SVG', () => {
    const { body } = report(e, 'html');
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain(
      '<title>Study &lt;script&gt;alert(&quot;study&quot;)&lt;/script&gt;: methods and results</title>',
    );
    expect(body).toContain('Missing &lt;script&gt;alert(&quot;definition&quot;)&lt;/script&gt; docs &amp; guides.');
    const svg = body.match(/<svg[\s\S]*?<\/svg>/)![0];
    expect(svg).toContain('<title>Docs &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</title>');
    parseXml(svg); // still well-formed
  });
});

describe('lineChartSvg', () => {
  test('y runs from 0 to a round maximum; x spreads periods evenly; a single period is a dot', () => {
    const svg = parseXml(
      lineChartSvg('T', ['A', 'B', 'C'], [{ name: 's', color: '#123456', values: [0, 0.2, 0.4] }]).split('\n<ul')[0]!,
    );
    const line = [...walk(svg)].find((e) => e.name === 'polyline')!;
    expect(line.attrs.stroke).toBe('#123456');
    // plot: x 48..608, y 12..216 (height 204); max 0.4 → top 0.5
    expect(line.attrs.points).toBe('48,216 328,134.4 608,52.8');
    expect([...walk(svg)].filter((e) => e.name === 'text').map((t) => t.text)).toEqual([
      '0%',
      '10%',
      '20%',
      '30%',
      '40%',
      '50%',
      'A',
      'B',
      'C',
    ]);
    const many = parseXml(
      lineChartSvg(
        'T',
        Array.from({ length: 16 }, (_, i) => `P${i}`),
        [],
      ).split('\n<ul')[0]!,
    );
    expect(
      [...walk(many)]
        .filter((e) => e.name === 'text')
        .map((t) => t.text)
        .slice(6),
    ).toEqual(['P1', 'P3', 'P5', 'P7', 'P9', 'P11', 'P13', 'P15']);
    const one = parseXml(lineChartSvg('T', ['A'], [{ name: 's', color: null, values: [1] }]).split('\n<ul')[0]!);
    expect([...walk(one)].filter((e) => e.name === 'circle')).toHaveLength(1);
  });
});

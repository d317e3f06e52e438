import { seriesColor } from '@threadcoder/taxonomy';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { csvUrl, filterQuery, trendQuery, type AnalysisOptions } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';
import { CodePicker } from './code-picker.tsx';
import { pickedCodes } from './picked-codes.ts';
import { ShiftTestsTable } from './shift-tests-table.tsx';
import { TrendChart } from './trend-chart.tsx';
import type { AnalysisState } from './use-analysis-state.ts';

function Toggle<T extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: T;
  choices: readonly [T, string][];
  onChange(v: T): void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="an-toggle">
      {choices.map(([v, text]) => (
        // biome-ignore lint/a11y/useSemanticElements: a segmented toggle: buttons with radio semantics, as WAI-ARIA's radio group pattern allows
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          className={value === v ? 'on' : ''}
          onClick={() => onChange(v)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** Counts or shares of final labels per period for the picked codes, and whether the shift is real. */
export function TrendSection({
  studyId,
  options,
  state,
}: {
  studyId: number;
  options: AnalysisOptions;
  state: AnalysisState;
}) {
  const client = useClient();
  const [dimension, setDimension] = useState('');
  const [share, setShare] = useState<'share' | 'count'>('share');
  const [kind, setKind] = useState<'line' | 'area'>('line');
  const trend = useQuery(trendQuery(client, studyId, state.filters, dimension || undefined));
  const data = trend.data;
  const nodes = data?.nodes ?? [];
  const picked = pickedCodes(state.codes, nodes);
  // Lines take palette colours in order, not the codes' own: codebook colours need not be far enough apart to tell lines apart.
  const series = nodes
    .filter((n) => picked.includes(n.id))
    .map((n, k) => ({ name: n.name, color: seriesColor(null, k), values: share === 'share' ? n.shares : n.counts }));
  const dimensions = options.codes.filter((c) => c.depth === 0);
  const query = { ...filterQuery(state.filters), ...(dimension ? { dimension } : {}) };
  const per = { month: 'month', quarter: 'quarter', year: 'year' }[state.filters.granularity];
  return (
    <section aria-labelledby="an-trend-heading" className="card">
      <div className="an-head">
        <h2 id="an-trend-heading">Shift over time</h2>
        <CsvLink href={csvUrl(client, studyId, 'trend.csv', query)}>Trend CSV</CsvLink>
      </div>
      <ErrorMessage error={trend.error} />
      {trend.isPending ? <p className="hint">Loading…</p> : null}
      {data && data.periods.length === 0 ? <p className="hint">No coded units under these filters yet.</p> : null}
      {data && data.periods.length > 0 ? (
        <div className="an-trend">
          <CodePicker
            codes={options.codes}
            totals={new Map(nodes.map((n) => [n.id, n.total]))}
            selected={picked}
            onChange={(ids) => state.update({ codes: ids.join(',') })}
          />
          <div className="an-trend-main">
            <div className="an-controls">
              <Toggle<'share' | 'count'>
                label="Show"
                value={share}
                choices={[
                  ['share', 'Share of coded units'],
                  ['count', 'Counts'],
                ]}
                onChange={setShare}
              />
              <Toggle<'line' | 'area'>
                label="Chart"
                value={kind}
                choices={[
                  ['line', 'Lines'],
                  ['area', 'Stacked areas'],
                ]}
                onChange={setKind}
              />
            </div>
            {series.length ? (
              <TrendChart
                title={`Final labels per ${per} (${share === 'share' ? 'share of coded units' : 'units'})`}
                filename={`study-${studyId}-trend-${state.filters.granularity}`}
                periods={data.periods}
                series={series}
                share={share === 'share'}
                kind={kind}
              />
            ) : (
              <p className="hint">Pick codes to chart.</p>
            )}
            {kind === 'area' && share === 'share' ? (
              <p className="hint">Stacked shares can pass 100%: a unit may carry several codes.</p>
            ) : null}
            <details className="an-denominators">
              <summary>Coded units per {per} (the denominators of the shares)</summary>
              <p className="hint">{data.periods.map((p, i) => `${p.label}: ${data.codedUnits[i]}`).join(' · ')}</p>
            </details>
          </div>
        </div>
      ) : null}
      {data && data.periods.length > 0 ? (
        <section aria-labelledby="an-tests-heading" className="an-subsection">
          <div className="an-head">
            <h3 id="an-tests-heading">Is the shift real?</h3>
            <label className="an-inline">
              Codes tested
              <select value={dimension} onChange={(e) => setDimension(e.target.value)}>
                <option value="">All dimensions</option>
                {dimensions.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <CsvLink href={csvUrl(client, studyId, 'tests.csv', query)}>Tests CSV</CsvLink>
          </div>
          <ShiftTestsTable
            tests={data.tests}
            names={new Map(nodes.map((n) => [n.id, n.name]))}
            multiLabel={options.labelMode === 'multi'}
          />
        </section>
      ) : null}
    </section>
  );
}

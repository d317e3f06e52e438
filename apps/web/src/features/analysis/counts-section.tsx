import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { countsQuery, csvUrl, filterQuery, type AnalysisFilters, type CountsSplit } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { WithheldNotice } from '../../components/withheld-notice.tsx';
import { CsvLink } from './chart-frame.tsx';
import { CountsBarChart } from './counts-bar-chart.tsx';
import { CountsTable } from './counts-table.tsx';
import { ReportedTable } from './reported-table.tsx';
import { RollupTreemap } from './rollup-treemap.tsx';
import { SplitTable } from './split-table.tsx';

const periodNames = { month: 'month', quarter: 'quarter', year: 'year' } as const;

/** Counts per code and rolled up the tree, with a sparkline per code and a bar chart. */
export function CountsSection({
  studyId,
  filters,
  blind,
}: {
  studyId: number;
  filters: AnalysisFilters;
  blind: boolean;
}) {
  const client = useClient();
  const [split, setSplit] = useState<CountsSplit | ''>('');
  const counts = useQuery(countsQuery(client, studyId, filters, split || undefined));
  const data = counts.data;
  const csvQuery = { ...filterQuery(filters), ...(split ? { split } : {}) };
  return (
    <section aria-labelledby="an-counts-heading" className="card">
      <div className="an-head">
        <h2 id="an-counts-heading">Counts</h2>
        <label className="an-split">
          Split by
          <select value={split} onChange={(e) => setSplit(e.target.value as CountsSplit | '')}>
            <option value="">Nothing</option>
            <option value="accepted">Accepted answers vs other posts</option>
            <option value="staff">Posts by staff vs other users</option>
          </select>
        </label>
        <CsvLink href={csvUrl(client, studyId, 'counts.csv', csvQuery)}>Counts CSV</CsvLink>
      </div>
      <ErrorMessage error={counts.error} />
      {data ? <WithheldNotice rounds={data.withheld} what="the counts and the coder columns" /> : null}
      {counts.isPending ? <p className="hint">Loading…</p> : null}
      {data ? (
        data.codedUnits === 0 ? (
          <p className="hint">
            No coded units under these filters yet: final labels appear when a round is closed and its disagreements are
            settled.
          </p>
        ) : (
          <>
            <p className="hint">
              {data.codedUnits} coded {data.codedUnits === 1 ? 'unit' : 'units'} in {data.codedThreads}{' '}
              {data.codedThreads === 1 ? 'thread' : 'threads'}. A unit counts once for a category however many of its
              codes it carries; shares are of coded units
              {data.coders.length ? '' : '.'}
              {data.coders.length
                ? `; coder columns show each coder's own labels before adjudication${blind ? ', only where the blind rule lets you see them' : ''}.`
                : ''}
            </p>
            <CountsTable report={data} periodName={periodNames[filters.granularity]} />
            {data.split ? <SplitTable report={data} split={data.split} /> : null}
            {data.reported ? <ReportedTable comparison={data.reported} /> : null}
            <CountsBarChart report={data} filename={`study-${studyId}-units-per-code`} />
            <RollupTreemap report={data} filename={`study-${studyId}-taxonomy-rollup`} />
          </>
        )
      ) : null}
    </section>
  );
}

import { seriesColor } from '@threadcoder/taxonomy';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { csvUrl, filterQuery, mentionsQuery, type AnalysisOptions } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';
import { pValue, unit } from './format.ts';
import { KeywordGroups } from './keyword-groups.tsx';
import { TrendChart } from './trend-chart.tsx';
import type { AnalysisState } from './use-analysis-state.ts';

/** Posts of the whole forum mentioning each keyword group per period, beside the codes: rho of each group against the picked codes. */
export function MentionsSection({
  studyId,
  options,
  state,
  pickedCodes,
  canEdit,
}: {
  studyId: number;
  options: AnalysisOptions;
  state: AnalysisState;
  pickedCodes: readonly string[];
  canEdit: boolean;
}) {
  const client = useClient();
  const [share, setShare] = useState(true);
  const mentions = useQuery(mentionsQuery(client, studyId, state.filters));
  const data = mentions.data;
  const names = new Map(options.codes.map((c) => [c.id, c.name]));
  const query = filterQuery(state.filters);
  const per = { month: 'month', quarter: 'quarter', year: 'year' }[state.filters.granularity];
  // The legend (drawn into PNG/SVG exports too) names each group's rules.
  const series = (data?.groups ?? []).map((g, i) => ({
    name: `${g.name} (${g.matching})`,
    color: seriesColor(null, i),
    values: share ? g.shares : g.counts,
  }));
  const rows = (data?.groups ?? []).map((g) => ({
    g,
    cells: pickedCodes.map((code) => data!.correlations.find((c) => c.groupId === g.id && c.codeId === code)),
  }));
  return (
    <section aria-labelledby="an-mentions-heading" className="card">
      <div className="an-head">
        <h2 id="an-mentions-heading">Mention trends</h2>
        <CsvLink href={csvUrl(client, studyId, 'mentions.csv', query)}>Mentions CSV</CsvLink>
        <CsvLink href={csvUrl(client, studyId, 'mention-correlations.csv', query)}>Correlations CSV</CsvLink>
      </div>
      <KeywordGroups studyId={studyId} groups={options.keywordGroups} canEdit={canEdit} />
      <ErrorMessage error={mentions.error} />
      {data?.groups.length && data.periods.length ? (
        <>
          <p className="hint">
            Counted over every post of {data.sources.map((s) => s.name).join(', ')} (
            {data.posts.reduce((a, b) => a + b, 0)} posts under these filters; the round filter does not apply).
          </p>
          <label className="an-check">
            <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Share of the {per}’s
            posts
          </label>
          <TrendChart
            title={`Posts mentioning each group per ${per}${share ? ' (share of posts)' : ''}`}
            filename={`study-${studyId}-mentions-${state.filters.granularity}`}
            periods={data.periods}
            series={series}
            share={share}
            kind="line"
          />
          <table className="table an-mention-groups" aria-label="Mentions per keyword group">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Terms and aliases</th>
                <th scope="col">Matching rules</th>
                <th scope="col" className="num">
                  Posts mentioning
                </th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td>{g.terms.join(', ')}</td>
                  <td>{g.matching}</td>
                  <td className="num">{g.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pickedCodes.length ? (
            <div className="an-scroll">
              <table className="table an-mentions" aria-label="Mentions against codes (Spearman’s rho)">
                <caption className="hint">
                  Spearman’s rho of each group’s share against each picked code’s share, over the {per}s with both posts
                  and coded units.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    {pickedCodes.map((c) => (
                      <th key={c} scope="col" className="num">
                        {names.get(c) ?? c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ g, cells }) => (
                    <tr key={g.id}>
                      <th scope="row">{g.name}</th>
                      {cells.map((c, i) => (
                        <td
                          key={pickedCodes[i]}
                          className="num"
                          title={c?.result.value === null ? c.result.reason : undefined}
                        >
                          {c?.result.value
                            ? `${unit(c.result.value.rho)} (p ${pValue(c.result.value.p)}, n ${c.result.value.n})`
                            : '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

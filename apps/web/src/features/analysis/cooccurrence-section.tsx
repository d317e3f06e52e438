import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { cooccurrenceQuery, csvUrl, filterQuery, type AnalysisFilters } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ChartFrame, CsvLink } from './chart-frame.tsx';
import { unit } from './format.ts';
import { Heatmap } from './heatmap.tsx';

/** Which codes appear together on the same unit: a heatmap, or the same numbers as a table. */
export function CooccurrenceSection({ studyId, filters }: { studyId: number; filters: AnalysisFilters }) {
  const client = useClient();
  const [measure, setMeasure] = useState<'jaccard' | 'counts'>('jaccard');
  const [asTable, setAsTable] = useState(false);
  const result = useQuery(cooccurrenceQuery(client, studyId, filters));
  const data = result.data;
  return (
    <section aria-labelledby="an-co-heading" className="card">
      <div className="an-head">
        <h2 id="an-co-heading">Co-occurrence</h2>
        <CsvLink href={csvUrl(client, studyId, 'cooccurrence.csv', filterQuery(filters))}>Co-occurrence CSV</CsvLink>
      </div>
      <ErrorMessage error={result.error} />
      {data && data.codes.length < 2 ? (
        <p className="hint">Fewer than two codes are in use under these filters.</p>
      ) : null}
      {data && data.codes.length >= 2 ? (
        <>
          <div className="an-controls">
            <label className="an-inline">
              Measure
              <select value={measure} onChange={(e) => setMeasure(e.target.value as 'jaccard' | 'counts')}>
                <option value="jaccard">Jaccard (both ÷ either)</option>
                <option value="counts">Units with both codes</option>
              </select>
            </label>
            <label className="an-check">
              <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} /> Show as a table
            </label>
          </div>
          {asTable ? (
            <div className="an-scroll">
              <table className="table an-matrix" aria-label="Co-occurrence table">
                <thead>
                  <tr>
                    <th scope="col">Code (units)</th>
                    {data.codes.map((c) => (
                      <th key={c.id} scope="col" className="num">
                        {c.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.codes.map((row, i) => (
                    <tr key={row.id}>
                      <th scope="row">
                        {row.name} ({row.units})
                      </th>
                      {data.codes.map((col, j) => (
                        <td key={col.id} className="num">
                          {i === j ? '—' : measure === 'jaccard' ? unit(data.jaccard[i]![j]!) : data.counts[i]![j]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <ChartFrame
              title={
                measure === 'jaccard' ? 'Codes on the same unit (Jaccard)' : 'Codes on the same unit (units with both)'
              }
              filename={`study-${studyId}-cooccurrence-${measure}`}
            >
              <Heatmap data={data} measure={measure} />
            </ChartFrame>
          )}
        </>
      ) : null}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { csvUrl, filterQuery, termsQuery, type AnalysisFilters, type AnalysisOptions } from '../../api/analysis.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';

/** The ~15 terms most distinctive of one code's units against the rest (TF-IDF on stems, shown by their usual spelling). */
export function TermsSection({
  studyId,
  filters,
  options,
  defaultCode,
}: {
  studyId: number;
  filters: AnalysisFilters;
  options: AnalysisOptions;
  defaultCode: string | undefined;
}) {
  const client = useClient();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const code = chosen ?? defaultCode ?? options.codes.find((c) => c.codable)?.id ?? '';
  const terms = useQuery({ ...termsQuery(client, studyId, filters, code), enabled: code !== '' });
  const entry = terms.data?.codes[0];
  return (
    <section aria-labelledby="an-terms-heading" className="card">
      <div className="an-head">
        <h2 id="an-terms-heading">Distinctive terms</h2>
        <CsvLink href={csvUrl(client, studyId, 'terms.csv', filterQuery(filters))}>Terms CSV (all codes)</CsvLink>
      </div>
      <label className="an-inline">
        Code
        <select value={code} onChange={(e) => setChosen(e.target.value)}>
          {options.codes.map((c) => (
            <option key={c.id} value={c.id}>
              {'\u2003'.repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={terms.error} />
      {terms.data && !entry ? <p className="hint">No coded units carry this code under these filters.</p> : null}
      {entry ? (
        <>
          <p className="hint">
            From {entry.units} of {terms.data!.documents} coded units: words over-represented in them, scored tf × ln(N
            / df), stop words removed.
          </p>
          {entry.terms.length ? (
            <table className="table an-terms" aria-label={`Distinctive terms of ${entry.name}`}>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Term</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col" className="num">
                    Uses
                  </th>
                  <th scope="col" className="num">
                    Units with it
                  </th>
                  <th scope="col" className="num">
                    Uses elsewhere
                  </th>
                </tr>
              </thead>
              <tbody>
                {entry.terms.map((t, i) => (
                  <tr key={t.stem}>
                    <td className="num">{i + 1}</td>
                    <th scope="row" title={`stem: ${t.stem}`}>
                      {t.term}
                    </th>
                    <td className="num">{t.score.toFixed(4)}</td>
                    <td className="num">{t.count}</td>
                    <td className="num">{t.docs}</td>
                    <td className="num">{t.countRest}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="hint">No term occurs at least twice in these units more often than elsewhere.</p>
          )}
        </>
      ) : null}
    </section>
  );
}

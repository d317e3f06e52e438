import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { agreementExportHref } from '../../api/agreement.ts';
import { useClient } from '../../api/client-context.tsx';
import { exportHrefs, exportSummaryQuery, type Period, type ReportFormat } from '../../api/exports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { studyCodebookQuery } from '../../api/codebook.ts';
import { studyQuery } from '../../api/studies.ts';
import { Columns, Download, ExportCard } from './export-card.tsx';
import { LabelImportCard } from './label-import-card.tsx';

const PERIODS: [Period, string][] = [
  ['month', 'Month'],
  ['quarter', 'Quarter'],
  ['year', 'Year'],
];
const HIDDEN =
  'Hidden from coders while the study is blind, so that no coder learns how the others label. Owners and adjudicators can download it.';

function PeriodSelect({ value, onChange, label }: { value: Period; onChange: (p: Period) => void; label: string }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as Period)}>
        {PERIODS.map(([p, name]) => (
          <option key={p} value={p}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** /studies/:studyId/export: every file the study can be exported as, with what each holds. */
export function ExportPage() {
  const studyId = useStudyId();
  const client = useClient();
  const summary = useQuery(exportSummaryQuery(client, studyId));
  const study = useQuery(studyQuery(client, studyId));
  const isOwner = study.data?.study.roles.includes('owner') ?? false;
  const codebook = useQuery({ ...studyCodebookQuery(client, studyId), enabled: isOwner });
  const [countsPeriod, setCountsPeriod] = useState<Period>('quarter');
  const [reportPeriod, setReportPeriod] = useState<Period>('quarter');
  const [reportFormat, setReportFormat] = useState<ReportFormat>('html');
  if (summary.isPending) return <p className="loading">Loading exports…</p>;
  if (summary.isError) return <ErrorMessage error={summary.error} />;
  const { blind, hasCodebook, canSeeResults, codings, codingsNote } = summary.data;
  const noCodebook = hasCodebook ? null : 'The study has no codebook yet: choose one on the Codebook page first.';
  const results = canSeeResults ? noCodebook : HIDDEN;
  return (
    <div className="exp-page">
      <p className="hint">
        Tidy CSV files are UTF-8 with a header row and ISO dates. What a file holds follows the blind rule for you
        {blind
          ? ': while the study is blind, other coders’ codings are left out until their round is unblinded or the unit reaches adjudication.'
          : '.'}
      </p>
      <div className="exp-grid">
        <ExportCard id="exp-codings" title="Codings (CSV)">
          <p>
            One row per unit, coder and code; a coding without codes is one row with an empty code. Your file holds{' '}
            {codings} coding{codings === 1 ? '' : 's'}.
          </p>
          {codingsNote ? (
            <p role="note" className="notice">
              {codingsNote} The download carries this note in its <code>X-Threadcoder-Note</code> header.
            </p>
          ) : null}
          <Columns
            columns={[
              ['unit', 'the unit in this study'],
              ['thread', 'the forum’s thread id'],
              ['post', 'the post’s number in its thread (empty for thread units)'],
              ['coder', 'user name'],
              ['code', 'code id'],
              ['round', 'round name'],
              ['created_at', 'when the coding was first saved'],
            ]}
          />
          <Download href={exportHrefs.codings(studyId)}>Download codings CSV</Download>
        </ExportCard>

        <ExportCard id="exp-final" title="Final labels (CSV)" unavailable={canSeeResults ? null : HIDDEN}>
          <p>
            One row per settled unit and final label: the coders’ common set where they agreed, the adjudicated set
            otherwise. A unit settled with no label is one row with an empty code.
          </p>
          <Columns
            columns={[
              ['unit, thread, post', 'as in the codings file'],
              ['code, code_path', 'code id and its names from the dimension down'],
              ['origin', 'agreement or adjudication'],
              ['round', 'round name'],
              ['settled_by, settled_at, rationale', 'for adjudicated units'],
            ]}
          />
          {canSeeResults ? <Download href={exportHrefs.final(studyId)}>Download final labels CSV</Download> : null}
        </ExportCard>

        <ExportCard id="exp-counts" title="Counts per period (CSV)" unavailable={noCodebook}>
          <p>
            One row per period and code, every period from the first settled unit to the last (empty periods are zeros),
            codes in codebook order and rolled up the tree.
          </p>
          <Columns
            columns={[
              ['period, period_start, period_end', 'e.g. 2022-Q1, 2022-01-01, 2022-03-31'],
              ['code, code_path', 'code id and its names'],
              ['count, count_direct', 'settled units with the code or one below it; with the code itself'],
              ['coded_units, share', 'settled units in the period; count ÷ coded_units'],
            ]}
          />
          {hasCodebook ? (
            <div className="inline-form">
              <PeriodSelect label="Counts per" value={countsPeriod} onChange={setCountsPeriod} />
              <Download href={exportHrefs.counts(studyId, countsPeriod)}>Download counts CSV</Download>
            </div>
          ) : null}
        </ExportCard>

        <ExportCard id="exp-report" title="Report" unavailable={results}>
          <p>
            A methods and results draft: the sample and how it was drawn (seeds, strata, overlap), coders and rounds,
            agreement with 95% bootstrap intervals (1,000 resamples, seed 1), the taxonomy with definitions and counts,
            and trends with their tests. The printable HTML page draws the trends as charts; Markdown gives the counts
            per period as a table.
          </p>
          {canSeeResults && hasCodebook ? (
            <div className="inline-form">
              <fieldset className="exp-formats">
                <legend>Format</legend>
                {(
                  [
                    ['html', 'Printable HTML'],
                    ['md', 'Markdown'],
                  ] as const
                ).map(([format, name]) => (
                  <label key={format}>
                    <input
                      type="radio"
                      name="report-format"
                      value={format}
                      checked={reportFormat === format}
                      onChange={() => setReportFormat(format)}
                    />
                    {name}
                  </label>
                ))}
              </fieldset>
              <PeriodSelect label="Trends per" value={reportPeriod} onChange={setReportPeriod} />
              <Download href={exportHrefs.report(studyId, reportFormat, reportPeriod)}>Download report</Download>
            </div>
          ) : null}
        </ExportCard>

        <ExportCard id="exp-qdpx" title="REFI-QDA project (.qdpx)">
          <p>
            For ATLAS.ti, NVivo, MAXQDA or QualCoder: the codebook, one text source per thread (its posts separated by a
            blank line), each coding as a selection of its post by its coder, quotes as narrower selections, memos as
            notes
            {canSeeResults
              ? ', and the final labels as codings by the user “Final (adjudicated)” with the adjudicators’ rationales'
              : ''}
            .
          </p>
          <Download href={exportHrefs.qdpx(studyId)}>Download .qdpx</Download>
        </ExportCard>

        <ExportCard id="exp-agreement" title="Agreement (CSV or JSON)" unavailable={canSeeResults ? null : HIDDEN}>
          <p>
            The agreement report over all rounds: one row per statistic and scope (overall, each round, each code, each
            coder pair), with 95% bootstrap intervals. The Agreement page exports other rounds and seeds.
          </p>
          {canSeeResults ? (
            <nav aria-label="Agreement downloads" className="exp-links">
              <Download href={agreementExportHref(studyId, 'csv', { bootstrap: 1000, seed: 1 })}>
                Download agreement CSV
              </Download>
              <Download href={agreementExportHref(studyId, 'json', { bootstrap: 1000, seed: 1 })}>
                Download agreement JSON
              </Download>
            </nav>
          ) : null}
        </ExportCard>

        <ExportCard id="exp-codebook" title="Codebook" unavailable={noCodebook}>
          <p>
            The version the study codes with; the Codebook page exports any version. The .qdc file shares its code guids
            with the .qdpx project.
          </p>
          {hasCodebook ? (
            <nav aria-label="Codebook downloads" className="exp-links">
              {(
                [
                  ['qdc', '.qdc'],
                  ['csv', 'CSV'],
                  ['md', 'Markdown'],
                  ['json', 'JSON'],
                ] as const
              ).map(([format, name]) => (
                <Download key={format} href={exportHrefs.codebook(studyId, format)}>
                  Download codebook {name}
                </Download>
              ))}
            </nav>
          ) : null}
        </ExportCard>
        {isOwner && codebook.data ? <LabelImportCard studyId={studyId} codes={codebook.data.codebook.codes} /> : null}
      </div>
      <p className="hint">
        The same files from the command line (as the database’s operator, who sees every coding):{' '}
        <code>threadcoder export counts|codings|final|report|qdpx --study {studyId}</code>.
      </p>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { seriesCsvUrl, seriesListQuery, useDeleteSeries, useImportSeries } from '../../api/series.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';
import { ComparisonSection } from './comparison-section.tsx';
import { MentionSeriesForm } from './mention-series-form.tsx';

/** Outside time series (imported CSVs, Hub-derived sets): the list, the import form, and their comparison. */
export function SeriesSection({ studyId, isOwner }: { studyId: number; isOwner: boolean }) {
  const client = useClient();
  const list = useQuery(seriesListQuery(client));
  const remove = useDeleteSeries();
  const sets = list.data?.sets ?? [];
  return (
    <section aria-labelledby="an-series-heading" className="card">
      <div className="an-head">
        <h2 id="an-series-heading">Outside series</h2>
      </div>
      <p className="hint">
        Monthly (or weekly, daily) values from elsewhere — a replication package’s files, the Hugging Face Hub — to set
        against this forum. Shared by every study on this instance.
      </p>
      <ErrorMessage error={list.error ?? remove.error} />
      {sets.length ? (
        <div className="an-scroll">
          <table className="table" aria-label="Outside series">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Source</th>
                <th scope="col">Unit</th>
                <th scope="col">Layout</th>
                <th scope="col" className="num">
                  Series
                </th>
                <th scope="col">Dates</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {sets.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{s.source}</td>
                  <td>{s.unit}</td>
                  <td>
                    {s.layout}, {s.frequency}
                  </td>
                  <td className="num">{s.seriesCount}</td>
                  <td>
                    {s.firstDate?.slice(0, 7)} – {s.lastDate?.slice(0, 7)}
                  </td>
                  <td className="actions">
                    <CsvLink href={seriesCsvUrl(client, s.id)} />
                    {list.data?.canImport ? (
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={`Delete ${s.name}`}
                        onClick={() => remove.mutate(s.id)}
                      >
                        Delete
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : list.data ? (
        <p className="hint">No outside series yet.</p>
      ) : null}
      {list.data?.canImport ? <SeriesImportForm /> : null}
      {isOwner ? <MentionSeriesForm studyId={studyId} /> : null}
      {sets.length ? <ComparisonSection sets={sets} /> : null}
    </section>
  );
}

function SeriesImportForm() {
  const importSeries = useImportSeries();
  const [file, setFile] = useState<File | null>(null);
  const [f, setF] = useState({ name: '', source: '', unit: '', layout: '', frequency: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const [report, setReport] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const { set: stored } = await importSeries.mutateAsync({
      name: f.name,
      source: f.source,
      unit: f.unit,
      fileName: file.name,
      csv: await file.text(),
      layout: (f.layout || undefined) as 'wide' | 'long' | 'multi' | undefined,
      frequency: (f.frequency || undefined) as 'month' | 'week' | 'day' | undefined,
    });
    const skipped = (stored.report.skippedColumns as { column: string; reason: string }[] | undefined) ?? [];
    setReport(
      `Imported ${stored.seriesCount} series (${stored.layout} layout, ${stored.frequency}ly, ${stored.points} values)` +
        (skipped.length ? `; skipped ${skipped.map((c) => `“${c.column}” (${c.reason})`).join(', ')}` : '') +
        '.',
    );
  }
  return (
    <form
      className="an-series-import"
      aria-label="Import outside series"
      onSubmit={(e) => void submit(e).catch(() => {})}
    >
      <h3>Import a CSV</h3>
      <div className="inline-form">
        <label>
          File
          <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Name
          <input required maxLength={200} value={f.name} onChange={set('name')} placeholder="Hub models per type" />
        </label>
        <label>
          Source
          <input required maxLength={200} value={f.source} onChange={set('source')} placeholder="Taraghi et al. 2024" />
        </label>
        <label>
          Unit
          <input required maxLength={100} value={f.unit} onChange={set('unit')} placeholder="models" />
        </label>
        <label>
          Layout
          <select value={f.layout} onChange={set('layout')}>
            <option value="">detect</option>
            <option value="wide">wide (a row per series, a column per month)</option>
            <option value="long">long (date, series, value)</option>
            <option value="multi">a date column and value columns</option>
          </select>
        </label>
        <label>
          Frequency
          <select value={f.frequency} onChange={set('frequency')}>
            <option value="">detect</option>
            <option value="month">monthly</option>
            <option value="week">weekly</option>
            <option value="day">daily</option>
          </select>
        </label>
      </div>
      <ErrorMessage error={importSeries.error} />
      {report ? <p role="status">{report}</p> : null}
      <button type="submit" disabled={importSeries.isPending}>
        Import series
      </button>
    </form>
  );
}

import { useState } from 'react';
import type { CodebookCode } from '../../api/codebook-read.ts';
import { useImportLabels, usePreviewLabels } from '../../api/label-imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ExportCard } from './export-card.tsx';

/**
 * Existing labels from a CSV (a spreadsheet, a published study's labels) as codings or as final
 * labels: read the file, preview what matches, map unknown code names, then confirm. Nothing is
 * written before.
 */
export function LabelImportCard({ studyId, codes }: { studyId: number; codes: readonly CodebookCode[] }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [kind, setKind] = useState<'codings' | 'final'>('codings');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const preview = usePreviewLabels(studyId);
  const commit = useImportLabels(studyId);
  const codable = codes.filter((c) => c.codable);
  const data = preview.data;
  const unmapped = data?.unknownCodes.filter((u) => !mapping[u.name]) ?? [];

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    setFileName(file.name);
    setMapping({});
    commit.reset();
    preview.mutate({ csv: text, kind, fileName: file.name });
  };
  const mapTo = (name: string, id: string) => {
    const next = { ...mapping, [name]: id };
    if (!id) delete next[name];
    setMapping(next);
    if (csv !== null) preview.mutate({ csv, mapping: next, kind, fileName });
  };
  const chooseKind = (next: 'codings' | 'final') => {
    setKind(next);
    commit.reset();
    if (csv !== null) preview.mutate({ csv, mapping, kind: next, fileName });
  };
  const what = (p: { kind: string; codings: number; finals: number }) =>
    p.kind === 'final' ? `final labels of ${p.finals} units` : `${p.codings} codings`;

  return (
    <ExportCard id="imp-labels" title="Import labels (CSV)">
      <p>
        Existing labels as codings or as final labels: columns <code>post_id</code> or <code>thread_id</code> (the
        forum’s ids), <code>code</code> (id or name), and for codings optionally <code>coder</code> (user name; else
        you) and <code>date</code>. Final labels are settled as your adjudication of each unit, replacing any decision
        it had. You see what matches before anything is written.
      </p>
      <fieldset className="exp-formats">
        <legend>Import as</legend>
        <label>
          <input type="radio" name="imp-kind" checked={kind === 'codings'} onChange={() => chooseKind('codings')} />
          Codings
        </label>
        <label>
          <input type="radio" name="imp-kind" checked={kind === 'final'} onChange={() => chooseKind('final')} />
          Final labels
        </label>
      </fieldset>
      <label>
        Labels CSV <input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.target.files?.[0])} />
      </label>
      <ErrorMessage error={preview.error} />
      {data && !commit.isSuccess ? (
        <section aria-label="Label import preview">
          <p>
            {data.rows} rows: {what(data)} with {data.labels} labels to write
            {data.replaces
              ? `, ${data.replaces} replacing existing ${data.kind === 'final' ? 'decisions' : 'codings'}`
              : ''}
            .
          </p>
          {data.unmatched.length ? (
            <>
              <p>Rows that match nothing (left out):</p>
              <ul aria-label="Rows that match nothing">
                {data.unmatched.map((u) => (
                  <li key={u.line}>
                    Line {u.line}: {u.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.unknownCodes.map((u) => (
            <label key={u.name} className="imp-map">
              Unknown code “{u.name}” (lines {u.lines.join(', ')}) is{' '}
              <select value={mapping[u.name] ?? ''} onChange={(e) => mapTo(u.name, e.target.value)}>
                <option value="">choose a code…</option>
                {codable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {Object.entries(mapping).map(([name, id]) => (
            <p key={name} className="hint">
              “{name}” → {codable.find((c) => c.id === id)?.name ?? id}{' '}
              <button type="button" className="link" onClick={() => mapTo(name, '')}>
                Undo
              </button>
            </p>
          ))}
          <button
            type="button"
            disabled={unmapped.length > 0 || data.codings + data.finals === 0 || commit.isPending || csv === null}
            onClick={() => csv !== null && commit.mutate({ csv, mapping, kind, fileName })}
          >
            Import {what(data)}
          </button>
          <ErrorMessage error={commit.error} />
        </section>
      ) : null}
      {commit.isSuccess ? (
        <p role="status">
          Imported {what(commit.data)} with {commit.data.labels} labels.
        </p>
      ) : null}
    </ExportCard>
  );
}

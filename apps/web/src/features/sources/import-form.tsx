import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useStartImport, type ImportFields, type Source } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ColumnMapping, initialMapping, missingRequired, type Mapping } from './column-mapping.tsx';
import { firstLineOf, guessTable, hasRelativeLinks, headerColumns, type TableKind } from './file-head.ts';
import { formatBytes } from './format.ts';

type Format = NonNullable<ImportFields['format']>;
// A Record, so a format added to the API's list (import/formats.ts) fails the typecheck until it has a label here.
const formatLabels: Record<Format, string> = {
  auto: 'Detect from the file',
  discourse: 'Discourse topics (JSON, JSONL or zip) or Perceval JSON lines',
  stackexchange: 'Stack Exchange Posts.xml',
  csv: 'CSV table of posts',
  jsonl: 'JSONL table of posts',
};
const formats = Object.entries(formatLabels) as [Format, string][];

/** Uploads one file into a new or existing source; the import then runs on the server. */
export function ImportForm({ sources, maxUploadBytes }: { sources: Source[]; maxUploadBytes: number }) {
  const start = useStartImport();
  const navigate = useNavigate();
  const listId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<{ line: string; name: string; relativeLinks: boolean } | null>(null);
  const [source, setSource] = useState('');
  const [format, setFormat] = useState<Format>('auto');
  const [mode, setMode] = useState<'strict' | 'lenient'>('strict');
  const [baseUrl, setBaseUrl] = useState('');
  const [mapping, setMapping] = useState<Mapping>({});
  const [dateFormat, setDateFormat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const table: TableKind | null =
    format === 'csv' || format === 'jsonl'
      ? format
      : format === 'auto' && head
        ? guessTable(head.name, head.line)
        : null;
  const columns = table && head ? headerColumns(table, head.name, head.line) : [];

  // The mapping starts from the file's header each time the file or the format changes.
  function remap(nextFormat: Format, nextHead: typeof head) {
    const kind =
      nextFormat === 'csv' || nextFormat === 'jsonl'
        ? nextFormat
        : nextFormat === 'auto' && nextHead
          ? guessTable(nextHead.name, nextHead.line)
          : null;
    setMapping(kind && nextHead ? initialMapping(headerColumns(kind, nextHead.name, nextHead.line)) : {});
  }

  async function choose(f: File | null) {
    setFile(f);
    setProblem(null);
    const text = f ? await f.slice(0, 64 * 1024).text() : '';
    const next = f ? { line: firstLineOf(text), name: f.name, relativeLinks: hasRelativeLinks(text) } : null;
    setHead(next);
    remap(format, next);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setProblem('Choose a file to import.');
    if (file.size > maxUploadBytes)
      return setProblem(
        `The file is ${formatBytes(file.size)}, over the upload limit of ${formatBytes(maxUploadBytes)}.`,
      );
    const missing = table ? missingRequired(mapping) : null;
    if (missing) return setProblem(`Choose the column that holds ${missing}.`);
    setProblem(null);
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== ''));
    const fields: ImportFields = {
      source: source.trim(),
      format,
      mode,
      filename: file.name,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      ...(table ? { mapping: JSON.stringify(chosen) } : {}),
      ...(table && dateFormat.trim() ? { dateFormat: dateFormat.trim() } : {}),
    };
    start.mutate({ file, fields }, { onSuccess: (data) => navigate(`/sources/imports/${data.import.id}`) });
  }

  return (
    <form className="card import-form" aria-label="Import threads" onSubmit={submit}>
      <h2>Import threads</h2>
      <label>
        File
        <input
          type="file"
          accept=".json,.jsonl,.ndjson,.xml,.csv,.tsv,.zip"
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
      </label>
      <label>
        Source
        <input
          list={listId}
          value={source}
          required
          maxLength={200}
          onChange={(e) => setSource(e.target.value)}
          placeholder="e.g. Hugging Face forum"
        />
        <datalist id={listId}>
          {sources
            .filter((s) => s.mine)
            .map((s) => (
              <option key={s.id} value={s.name} />
            ))}
        </datalist>
        <span className="hint">
          The name of a source of yours adds to it (re-imported threads are updated); a new name creates a source that
          belongs to you.
        </span>
      </label>
      <div className="inline-form">
        <label>
          Format
          <select
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as Format);
              remap(e.target.value as Format, head);
            }}
          >
            {formats.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value as 'strict' | 'lenient')}>
            <option value="strict">Strict: stop at the first bad record</option>
            <option value="lenient">Lenient: skip bad records and list them</option>
          </select>
        </label>
        <label>
          Forum address (optional)
          <input
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://discuss.huggingface.co"
          />
        </label>
      </div>
      {head?.relativeLinks && !baseUrl.trim() ? (
        <p role="alert" className="warning">
          This file links to forum pages by relative address (/t/…, /u/…, /uploads/…). Give the forum address above, or
          those links will show as plain text, their images will be left out and threads will have no link to the forum.
        </p>
      ) : null}
      {table ? <ColumnMapping columns={columns} mapping={mapping} onChange={setMapping} /> : null}
      {table ? (
        <label>
          Date format (optional)
          <input
            value={dateFormat}
            maxLength={100}
            onChange={(e) => setDateFormat(e.target.value)}
            placeholder="MMM d, yyyy h:mm a"
          />
          <span className="hint">
            Leave empty for ISO dates (2020-09-06T09:38:00Z). Otherwise a date-fns pattern: "MMM d, yyyy h:mm a" reads
            "Sep 6, 2020 9:38 am" (as UTC), "dd/MM/yyyy HH:mm" reads "06/09/2020 09:38".
          </span>
        </label>
      ) : null}
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      <ErrorMessage error={start.error} />
      <button type="submit" disabled={start.isPending}>
        {start.isPending ? 'Uploading…' : 'Import'}
      </button>
    </form>
  );
}

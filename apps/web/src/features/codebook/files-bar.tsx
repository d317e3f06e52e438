import { useState } from 'react';
import { exportHref, useChooseCodebook, type ExportFormat } from '../../api/codebook.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

const FORMATS: [ExportFormat, string][] = [
  ['json', 'JSON'],
  ['csv', 'CSV'],
  ['md', 'Markdown'],
  ['qdc', '.qdc'],
];

/** Download links for one version in every format. */
export function ExportLinks({ studyId, version }: { studyId: number; version: number }) {
  return (
    <nav className="cb-export" aria-label="Export">
      <span className="hint">Export version {version}:</span>
      {FORMATS.map(([format, label]) => (
        <a key={format} className="button-link" href={exportHref(studyId, format, version)} download>
          Export {label}
        </a>
      ))}
    </nav>
  );
}

/** The format of an uploaded file: by its extension, else by its first character. */
function formatOf(name: string, text: string): 'json' | 'qdc' {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.(qdc|xml)$/i.test(name)) return 'qdc';
  return text.trimStart().startsWith('<') ? 'qdc' : 'json';
}

/** Reads a Threadcoder JSON or REFI-QDA .qdc file and makes it the study's codebook (before any coding). */
export function ImportForm({ studyId, onDone }: { studyId: number; onDone?: () => void }) {
  const choose = useChooseCodebook(studyId);
  const [file, setFile] = useState<File | null>(null);
  return (
    <form
      aria-label="Import a codebook"
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file) return;
        const text = await file.text();
        choose.mutate(
          { source: 'import', format: formatOf(file.name, text), text, filename: file.name },
          { onSuccess: () => onDone?.() },
        );
      }}
    >
      <label>
        Codebook file (JSON or .qdc, up to 5 MB)
        <input
          type="file"
          accept=".json,.qdc,.xml,application/json,application/xml"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" disabled={!file || choose.isPending}>
        Import
      </button>
      <ErrorMessage error={choose.error} />
    </form>
  );
}

import { useNavigate } from 'react-router';
import { useImportQdpx } from '../../api/qdpx-imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Brings in a study exported by Threadcoder (.qdpx, e.g. from another server) as a new study. */
export function ImportQdpxForm() {
  const importQdpx = useImportQdpx();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="import-qdpx-heading">
      <h2 id="import-qdpx-heading">Import a study (.qdpx)</h2>
      <p className="hint">
        A .qdpx exported by Threadcoder becomes a new study you own, with its codebook, codings, memos, quotes and final
        labels. Import its forum here first: units are matched to threads by their forum ids.
      </p>
      <label>
        Study file{' '}
        <input
          type="file"
          accept=".qdpx"
          disabled={importQdpx.isPending}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) importQdpx.mutate(file, { onSuccess: (r) => navigate(`/studies/${r.studyId}`) });
          }}
        />
      </label>
      {importQdpx.isPending ? <p role="status">Importing…</p> : null}
      <ErrorMessage error={importQdpx.error} />
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useImportKeywordGroups, useStoreMentionSeries, type MentionUnit } from '../../api/series.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** The owner's tools for comparing this forum: keyword groups in bulk, and the mentions stored as a series set. */
export function MentionSeriesForm({ studyId }: { studyId: number }) {
  const importGroups = useImportKeywordGroups(studyId);
  const store = useStoreMentionSeries(studyId);
  const [unit, setUnit] = useState<MentionUnit>('topics');
  const [file, setFile] = useState<File | null>(null);
  async function submitGroups(e: FormEvent) {
    e.preventDefault();
    if (file) importGroups.mutate({ text: await file.text(), fileName: file.name });
  }
  return (
    <div className="an-series-import">
      <form aria-label="Import keyword groups" onSubmit={(e) => void submitGroups(e)}>
        <h3>This forum’s mentions</h3>
        <p className="hint">
          Keyword groups in bulk: a CSV with columns group, name, patterns (patterns split by | or ;) and optional rule
          columns match (stemmed, word, prefix, substring), case (sensitive or any), quotes and previews (yes or no); or
          a text list with one “group [rules]: term, term” a line, e.g. “BERT [word, case-sensitive, quotes]: BERT,
          bert-base”. Unnamed rules are the defaults: whole words, stemmed, any case, own words only (quoted text and
          link previews left out). The stored series names each group’s rules.
        </p>
        <div className="inline-form">
          <label>
            Keyword list
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              required
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <button type="submit" disabled={importGroups.isPending}>
            Import groups
          </button>
        </div>
        <ErrorMessage error={importGroups.error} />
        {importGroups.data ? (
          <p role="status">
            {importGroups.data.created} groups added, {importGroups.data.updated} updated.
          </p>
        ) : null}
      </form>
      <form
        aria-label="Add mentions as series"
        onSubmit={(e) => {
          e.preventDefault();
          store.mutate(unit);
        }}
      >
        <div className="inline-form">
          <label>
            Count
            <select value={unit} onChange={(e) => setUnit(e.target.value as MentionUnit)}>
              <option value="topics">topics, by the topic’s creation month (as the study counts)</option>
              <option value="posts">posts, by the post’s month</option>
            </select>
          </label>
          <button type="submit" disabled={store.isPending}>
            Add mentions as series
          </button>
        </div>
        <ErrorMessage error={store.error} />
        {store.data ? <p role="status">Stored “{store.data.set.name}”.</p> : null}
      </form>
    </div>
  );
}

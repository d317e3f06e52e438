import { useState, type FormEvent } from 'react';
import { useChangeSelection, type SelectionChangeRequest } from '../../api/selection.ts';
import type { Source } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { SourceOptions } from '../../components/source-options.tsx';
import { describeChange } from './describe-rule.ts';

const splitTerms = (text: string) =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** A keyword rule: threads where any term occurs in the title or a post (stemmed full-text match). */
export function KeywordRuleForm({ studyId, sources }: { studyId: number; sources: Source[] }) {
  const change = useChangeSelection(studyId);
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [withQuotes, setWithQuotes] = useState(false);
  const [said, setSaid] = useState<string | null>(null);

  const run = (action: 'add' | 'remove', dryRun: boolean) => {
    const body: SelectionChangeRequest = {
      action,
      dryRun,
      rule: {
        kind: 'keywords',
        terms: splitTerms(text),
        filter: source ? { source: Number(source) } : {},
        withQuotes,
      },
    };
    setSaid(null);
    change.mutate(body, { onSuccess: (data) => setSaid(describeChange(action, dryRun, data)) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run('add', false);
  };
  const empty = splitTerms(text).length === 0;
  return (
    <form className="card" aria-label="Keyword rule" onSubmit={submit}>
      <h2>Select by keywords</h2>
      <label>
        Keywords (one per line or separated by commas; any of them)
        <textarea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'pretrained\nfine-tune\nfrom_pretrained'}
        />
      </label>
      <label>
        Only in source
        <select value={source} onChange={(e) => setSource(e.target.value)}>
          <SourceOptions sources={sources} />
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={withQuotes} onChange={(e) => setWithQuotes(e.target.checked)} />
        Match quoted words too (by default only the posters' own words)
      </label>
      <p className="hint">
        Words are stemmed (tokenizers finds tokenizer); a term with several words is a phrase; term* matches a prefix.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={empty || change.isPending}
          onClick={() => run('add', true)}
        >
          Preview
        </button>
        <button type="submit" disabled={empty || change.isPending}>
          Add matching threads
        </button>
        <button
          type="button"
          className="secondary"
          disabled={empty || change.isPending}
          onClick={() => run('remove', false)}
        >
          Remove matching threads
        </button>
      </div>
      {said ? <p role="status">{said}</p> : null}
      <ErrorMessage error={change.error} />
    </form>
  );
}

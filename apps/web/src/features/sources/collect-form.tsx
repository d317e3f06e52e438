import { useState, type FormEvent } from 'react';
import { useStartCollection, type CollectionStart } from '../../api/collect.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Starts (or resumes: same forum, source and selection) a collection from a live Discourse forum. */
export function CollectForm({ running }: { running: boolean }) {
  const start = useStartCollection();
  const [fields, setFields] = useState({
    forumUrl: '',
    source: '',
    category: '',
    since: '',
    until: '',
    maxTopics: '',
    rate: '1',
  });
  const [wholeForum, setWholeForum] = useState(false);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [name]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const base = { forumUrl: fields.forumUrl.trim(), source: optional(fields.source), rate: Number(fields.rate) };
    const body: CollectionStart = wholeForum
      ? { ...base, wholeForum: true }
      : {
          ...base,
          category: optional(fields.category),
          since: optional(fields.since),
          until: optional(fields.until),
          maxTopics: fields.maxTopics ? Number(fields.maxTopics) : undefined,
        };
    start.mutate(body);
  }

  return (
    <form className="card import-form" aria-label="Collect from a Discourse forum" onSubmit={submit}>
      <h2>Collect from a Discourse forum</h2>
      <p className="hint">
        Reads the forum's latest topics (or one category's) through its public JSON, politely, and imports each topic
        with all its posts. A second run fetches only the topics that changed; a stopped run resumes when started again
        with the same fields.
      </p>
      <div className="inline-form">
        <label>
          Forum address
          <input
            type="url"
            required
            value={fields.forumUrl}
            onChange={set('forumUrl')}
            placeholder="https://discuss.huggingface.co"
          />
        </label>
        <label>
          Source (optional)
          <input value={fields.source} maxLength={200} onChange={set('source')} placeholder="the forum's host name" />
        </label>
        <label>
          Category (optional)
          <input
            value={fields.category}
            maxLength={200}
            disabled={wholeForum}
            onChange={set('category')}
            placeholder="e.g. beginners"
          />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={wholeForum} onChange={(e) => setWholeForum(e.target.checked)} />
        Whole forum: every post through /posts.json, 50 a request (about a quarter of the requests); a later run fetches
        only posts newer than the last one stored
      </label>
      <div className="inline-form">
        <label>
          Created since
          <input type="date" value={fields.since} disabled={wholeForum} onChange={set('since')} />
        </label>
        <label>
          Created until
          <input type="date" value={fields.until} disabled={wholeForum} onChange={set('until')} />
        </label>
        <label>
          Most topics
          <input
            type="number"
            min={1}
            step={1}
            value={fields.maxTopics}
            disabled={wholeForum}
            onChange={set('maxTopics')}
          />
        </label>
        <label>
          Requests per second
          <input type="number" min={0.1} max={10} step={0.1} required value={fields.rate} onChange={set('rate')} />
        </label>
      </div>
      <ErrorMessage error={start.error} />
      <button type="submit" disabled={start.isPending || running}>
        {running ? 'A collection is running' : 'Collect'}
      </button>
    </form>
  );
}

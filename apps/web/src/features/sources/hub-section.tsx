import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../api/client-context.tsx';
import {
  hubCollectionsQuery,
  useCancelHubCollection,
  useStartHubCollection,
  type HubCollectionRecord,
} from '../../api/hub.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { RunStop } from './run-stop.tsx';

const eta = (s: number | null) =>
  s === null ? 'not known (no since date or most models)' : s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;

/** The Hugging Face Hub collector on the Sources page: the form, the newest run, the past runs. */
export function HubSection() {
  const query = useQuery(hubCollectionsQuery(useClient()));
  if (!query.data) return <ErrorMessage error={query.error} />;
  const current = query.data.current;
  const [newest, ...past] = query.data.collections;
  return (
    <>
      <HubForm running={current !== null} />
      {newest ? <HubProgress record={newest} stopping={current?.id === newest.id && current.stopping} /> : null}
      {past.length ? (
        <table className="table" aria-label="Past Hub collections">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Models
              </th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {past.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.status}</td>
                <td className="num">{r.progress.models}</td>
                <td className="num">{r.progress.requests}</td>
                <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function HubForm({ running }: { running: boolean }) {
  const start = useStartHubCollection();
  const [f, setF] = useState({
    hubUrl: 'https://huggingface.co',
    since: '',
    until: '',
    author: '',
    pipelineTag: '',
    library: '',
    maxModels: '',
    rate: '1',
  });
  const [cardDetails, setCardDetails] = useState(false);
  const set = (name: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [name]: e.target.value });
  const optional = (v: string) => v.trim() || undefined;
  function submit(e: FormEvent) {
    e.preventDefault();
    start.mutate({
      hubUrl: f.hubUrl.trim(),
      since: optional(f.since),
      until: optional(f.until),
      author: optional(f.author),
      pipelineTag: optional(f.pipelineTag),
      library: optional(f.library),
      maxModels: f.maxModels ? Number(f.maxModels) : undefined,
      rate: Number(f.rate),
      cardDetails,
    });
  }
  return (
    <form className="card import-form" aria-label="Collect from the Hugging Face Hub" onSubmit={submit}>
      <h2>Collect from the Hugging Face Hub</h2>
      <p className="hint">
        Reads the Hub’s public model listing newest first, 1,000 models a request, and keeps each model’s author, dates,
        pipeline tag, library, tags, model type, base models, whether it has a model card, downloads and likes (as of
        today). Monthly series per model type, base model, pipeline tag and library, and the card share, are derived
        when the run ends and appear among the outside series on each study’s Analysis page.
      </p>
      <div className="inline-form">
        <label>
          Hub address
          <input type="url" required value={f.hubUrl} onChange={set('hubUrl')} />
        </label>
        <label>
          Author (optional)
          <input value={f.author} maxLength={200} onChange={set('author')} placeholder="e.g. google" />
        </label>
        <label>
          Pipeline tag (optional)
          <input value={f.pipelineTag} maxLength={200} onChange={set('pipelineTag')} placeholder="e.g. fill-mask" />
        </label>
        <label>
          Library (optional)
          <input value={f.library} maxLength={200} onChange={set('library')} placeholder="e.g. transformers" />
        </label>
      </div>
      <div className="inline-form">
        <label>
          Models created since
          <input type="date" value={f.since} onChange={set('since')} />
        </label>
        <label>
          Models created until
          <input type="date" value={f.until} onChange={set('until')} />
        </label>
        <label>
          Most models
          <input type="number" min={1} step={1} value={f.maxModels} onChange={set('maxModels')} />
        </label>
        <label>
          Requests per second
          <input type="number" min={0.1} max={10} step={0.1} required value={f.rate} onChange={set('rate')} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={cardDetails} onChange={(e) => setCardDetails(e.target.checked)} /> Ask for card
        details: one more request per model whose listing entry does not say whether it has a card or card metadata
      </label>
      <ErrorMessage error={start.error} />
      <button type="submit" disabled={start.isPending || running}>
        {running ? 'A Hub collection is running' : 'Collect models'}
      </button>
    </form>
  );
}

function HubProgress({ record, stopping }: { record: HubCollectionRecord; stopping: boolean }) {
  const cancel = useCancelHubCollection();
  const p = record.progress;
  const status = {
    running: stopping ? 'Stopping after the request in hand…' : 'Collecting…',
    stopped: 'Stopped; start it again with the same fields to resume.',
    succeeded: 'Done.',
    failed: 'Failed; start it again with the same fields to resume.',
  }[record.status];
  return (
    <section className="card import-report" aria-label="Hub collection progress">
      <h2>
        Hub collection #{record.id}: {record.options.hubUrl}
      </h2>
      <p role="status">{status}</p>
      <p className="hint">
        {p.models} models from {p.pages} pages, {p.requests} requests
        {p.reachedDate ? `; back to models created ${p.reachedDate.slice(0, 10)}` : ''}
        {p.cardDetails
          ? `; card details for ${p.cardDetails.checked} of ${p.cardDetails.checked + p.cardDetails.due} models`
          : ''}
        {record.status === 'running' ? `; about ${eta(p.etaSeconds)} left` : ''}
      </p>
      <RunStop record={record} stopping={stopping} cancel={cancel} />
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { adjudicationWaitingQuery } from '../../api/adjudication.ts';
import { membersQuery, progressQuery, roundsQuery, useCreateRound, type Round, type Study } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { AssistedToggle } from './assisted-toggle.tsx';
import { CloseRoundDialog, IncompleteDialog, ReopenDialog, UnblindDialog } from './round-dialogs.tsx';

type Pending = { round: Round; action: 'close' | 'unblind' | 'reopen' | 'incomplete' } | null;

/** The study's rounds in order; owners create, close and unblind them. */
export function RoundsCard({ study, canEdit }: { study: Study; canEdit: boolean }) {
  const client = useClient();
  const rounds = useQuery(roundsQuery(client, study.id));
  const progress = useQuery(progressQuery(client, study.id));
  // Incomplete units per round and the coders to offer them to: for owners only (the API's rule too).
  const waiting = useQuery({ ...adjudicationWaitingQuery(client, study.id), enabled: canEdit });
  const members = useQuery({ ...membersQuery(client, study.id), enabled: canEdit });
  const missing = (r: Round) => waiting.data?.rounds.find((w) => w.roundId === r.id)?.missing ?? 0;
  const [pending, setPending] = useState<Pending>(null);
  const visibility = (r: Round) => (!study.blind ? 'open study' : r.unblinded ? 'unblinded' : 'blind');
  return (
    <section aria-label="Rounds" className="card">
      <h2>Rounds</h2>
      <ErrorMessage error={rounds.error} />
      <table className="table rounds-table">
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Units</th>
            <th scope="col">Codings</th>
            <th scope="col">Suggestions</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rounds.data?.rounds.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.kind}</td>
              <td>
                <span className={`pill ${r.status}`}>{r.status}</span>
              </td>
              <td>{r.units}</td>
              <td>{visibility(r)}</td>
              <td>
                <AssistedToggle studyId={study.id} round={r} canEdit={canEdit} />
              </td>
              {canEdit ? (
                <td className="actions">
                  {r.status === 'open' ? (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Close ${r.name}`}
                      onClick={() => setPending({ round: r, action: 'close' })}
                    >
                      Close…
                    </button>
                  ) : null}
                  {r.status === 'closed' ? (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Reopen ${r.name}`}
                      onClick={() => setPending({ round: r, action: 'reopen' })}
                    >
                      Reopen…
                    </button>
                  ) : null}
                  {r.status === 'closed' && missing(r) > 0 ? (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Offer the ${missing(r)} incomplete units of ${r.name}`}
                      onClick={() => setPending({ round: r, action: 'incomplete' })}
                    >
                      Offer {missing(r)} incomplete…
                    </button>
                  ) : null}
                  {study.blind && !r.unblinded ? (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Unblind ${r.name}`}
                      onClick={() => setPending({ round: r, action: 'unblind' })}
                    >
                      Unblind…
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? <NewRoundForm studyId={study.id} /> : null}
      {pending?.action === 'close' ? (
        <CloseRoundDialog
          studyId={study.id}
          round={pending.round}
          progress={progress.data?.progress ?? []}
          onDone={() => setPending(null)}
        />
      ) : null}
      {pending?.action === 'reopen' ? (
        <ReopenDialog studyId={study.id} round={pending.round} onDone={() => setPending(null)} />
      ) : null}
      {pending?.action === 'incomplete' ? (
        <IncompleteDialog
          studyId={study.id}
          round={pending.round}
          missing={missing(pending.round)}
          openRounds={rounds.data?.rounds.filter((r) => r.status === 'open') ?? []}
          coders={members.data?.members.filter((m) => m.role === 'coder') ?? []}
          onDone={() => setPending(null)}
        />
      ) : null}
      {pending?.action === 'unblind' ? (
        <UnblindDialog studyId={study.id} round={pending.round} onDone={() => setPending(null)} />
      ) : null}
    </section>
  );
}

function NewRoundForm({ studyId }: { studyId: number }) {
  const create = useCreateRound(studyId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Round['kind']>('calibration');
  const [assisted, setAssisted] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, kind, assisted }, { onSuccess: () => setName('') });
  };
  return (
    <form aria-label="New round" className="inline-form" onSubmit={submit}>
      <label>
        Round name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          placeholder="Calibration 1"
        />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as Round['kind'])}>
          <option value="calibration">calibration</option>
          <option value="main">main</option>
        </select>
      </label>
      <label className="agr-check">
        <input type="checkbox" checked={assisted} onChange={(e) => setAssisted(e.target.checked)} />
        Assisted (suggestions before the first pass)
      </label>
      <button type="submit" disabled={create.isPending}>
        Create round
      </button>
      <ErrorMessage error={create.error} />
    </form>
  );
}

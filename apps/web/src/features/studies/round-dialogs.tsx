import { useState } from 'react';
import {
  useCloseRound,
  useMoveIncomplete,
  useReopenRound,
  useUnblindRound,
  type CoderProgress,
  type Round,
} from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Dialog } from '../../components/dialog.tsx';

/** A confirmation's buttons: Cancel, then the action (disabled while it runs). */
function ConfirmActions({
  label,
  onCancel,
  onConfirm,
  disabled,
  danger,
}: {
  label: string;
  onCancel: () => void;
  onConfirm: () => void;
  disabled: boolean;
  danger?: boolean;
}) {
  return (
    <>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className={danger ? 'danger' : undefined} disabled={disabled} onClick={onConfirm}>
        {label}
      </button>
    </>
  );
}

/** Confirms closing a round, then shows what closing did: agreed, disagreed (to adjudication), incomplete. */
export function CloseRoundDialog({
  studyId,
  round,
  progress,
  onDone,
}: {
  studyId: number;
  round: Round;
  progress: CoderProgress[];
  onDone: () => void;
}) {
  const close = useCloseRound(studyId);
  const mine = progress.filter((p) => p.roundId === round.id);
  const done = mine.reduce((n, p) => n + p.done, 0);
  const assigned = mine.reduce((n, p) => n + p.assigned, 0);
  if (close.data) {
    const { agreed, disagreed, incomplete } = close.data.summary;
    return (
      <Dialog
        title={`${round.name} is closed`}
        onCancel={onDone}
        actions={
          <button type="button" onClick={onDone}>
            Done
          </button>
        }
      >
        <dl className="facts" aria-label="Close summary">
          <dt>Agreed</dt>
          <dd>{agreed} units have their final labels</dd>
          <dt>Disagreed</dt>
          <dd>{disagreed} units go to adjudication</dd>
          <dt>Incomplete</dt>
          <dd>{incomplete} units were missing a coding</dd>
        </dl>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={`Close ${round.name}?`}
      onCancel={onDone}
      actions={
        <ConfirmActions
          label="Close round"
          danger
          onCancel={onDone}
          onConfirm={() => close.mutate(round.id)}
          disabled={close.isPending}
        />
      }
    >
      <p>
        Coding in this round ends. Units on which every coder agrees get their final labels; the others go to
        adjudication; units still missing a coding stay incomplete, until you reopen the round or offer them to another
        round or other coders.
      </p>
      <p>
        {round.units} units; {done} of {assigned} codings done.
      </p>
      <ErrorMessage error={close.error} />
    </Dialog>
  );
}

/** Confirms unblinding: from then on members see every coder's labels and memos for the round's units. */
export function UnblindDialog({ studyId, round, onDone }: { studyId: number; round: Round; onDone: () => void }) {
  const unblind = useUnblindRound(studyId);
  return (
    <Dialog
      title={`Unblind ${round.name}?`}
      onCancel={onDone}
      actions={
        <ConfirmActions
          label="Unblind"
          onCancel={onDone}
          onConfirm={() => unblind.mutate(round.id, { onSuccess: onDone })}
          disabled={unblind.isPending}
        />
      }
    >
      <p>Everyone in the study will see each coder’s labels and memos for this round’s units.</p>
      <ErrorMessage error={unblind.error} />
    </Dialog>
  );
}

/** Confirms reopening a closed round: coders can finish its incomplete units; settled ones stay settled. */
export function ReopenDialog({ studyId, round, onDone }: { studyId: number; round: Round; onDone: () => void }) {
  const reopen = useReopenRound(studyId);
  return (
    <Dialog
      title={`Reopen ${round.name}?`}
      onCancel={onDone}
      actions={
        <ConfirmActions
          label="Reopen round"
          onCancel={onDone}
          onConfirm={() => reopen.mutate(round.id, { onSuccess: onDone })}
          disabled={reopen.isPending}
        />
      }
    >
      <p>
        Coders can code the units still missing a coding again. Units that went to adjudication or got their final
        labels stay as they are. The reopening is recorded in the audit log.
      </p>
      <ErrorMessage error={reopen.error} />
    </Dialog>
  );
}

/** Offers a round's incomplete units again: into an open round, optionally to other coders. */
export function IncompleteDialog({
  studyId,
  round,
  missing,
  openRounds,
  coders,
  onDone,
}: {
  studyId: number;
  round: Round;
  missing: number;
  openRounds: Round[];
  coders: { userId: number; displayName: string }[];
  onDone: () => void;
}) {
  const move = useMoveIncomplete(studyId);
  const [toRoundId, setToRoundId] = useState(String(openRounds.at(-1)?.id ?? ''));
  const [chosen, setChosen] = useState<number[]>([]);
  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const submit = () =>
    move.mutate(
      { roundId: round.id, toRoundId: Number(toRoundId), ...(chosen.length ? { coderIds: chosen } : {}) },
      { onSuccess: onDone },
    );
  return (
    <Dialog
      title={`Offer the incomplete units of ${round.name}`}
      onCancel={onDone}
      actions={
        <ConfirmActions
          label={`Offer ${missing === 1 ? '1 unit' : `${missing} units`}`}
          onCancel={onDone}
          onConfirm={submit}
          disabled={move.isPending || !toRoundId}
        />
      }
    >
      <p>
        {missing} units of {round.name} are missing a coding. They move, with the codings already made, into an open
        round.
      </p>
      {openRounds.length === 0 ? <p>Create a new round first (below the rounds table).</p> : null}
      <label>
        Into round
        <select value={toRoundId} onChange={(e) => setToRoundId(e.target.value)}>
          {openRounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="coders">
        <legend>Give the missing codings to (none checked: the same coders)</legend>
        {coders.map((c) => (
          <label key={c.userId} className="check">
            <input type="checkbox" checked={chosen.includes(c.userId)} onChange={() => toggle(c.userId)} />
            {c.displayName}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={move.error} />
    </Dialog>
  );
}

import { useCloseRound, useUnblindRound, type CoderProgress, type Round } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Dialog } from '../../components/dialog.tsx';

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
        <>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={close.isPending} onClick={() => close.mutate(round.id)}>
            Close round
          </button>
        </>
      }
    >
      <p>
        Coding in this round ends. Units on which every coder agrees get their final labels; the others go to
        adjudication; units still missing a coding stay incomplete.
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
        <>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
          <button
            type="button"
            disabled={unblind.isPending}
            onClick={() => unblind.mutate(round.id, { onSuccess: onDone })}
          >
            Unblind
          </button>
        </>
      }
    >
      <p>Everyone in the study will see each coder’s labels and memos for this round’s units.</p>
      <ErrorMessage error={unblind.error} />
    </Dialog>
  );
}

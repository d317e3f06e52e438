import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { adjudicationWaitingQuery, type RoundWaiting, useAdjudicateFinished } from '../../api/adjudication.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';

const units = (n: number) => (n === 1 ? '1 unit' : `${n} units`);

/**
 * What else waits, below the queue: units of open rounds whose coders have all finished (they
 * can go to adjudication now, while the round stays open); and when the queue is empty, why:
 * units still being coded, or left incomplete by a closed round (the owner reopens the round or
 * offers them again). Rounds the viewer codes in while open and blind are only named: how far the
 * other coders are there is hidden from them.
 */
export function QueueHelp({ studyId, empty }: { studyId: number; empty: boolean }) {
  const waiting = useQuery(adjudicationWaitingQuery(useClient(), studyId));
  const start = useAdjudicateFinished(studyId);
  const rounds = waiting.data?.rounds ?? [];
  const withheld = waiting.data?.withheld ?? [];
  const open = rounds.filter((r) => r.status === 'open' && r.ready + r.missing > 0);
  const stranded = rounds.filter((r) => r.status === 'closed' && r.missing > 0);
  const stillCoding = open.reduce((n, r) => n + r.missing, 0);
  if (!empty && !open.some((r) => r.ready > 0) && !start.data && withheld.length === 0) return null;
  return (
    <section aria-label={empty ? 'Why the queue is empty' : 'More to adjudicate'} className="adj-empty">
      <ErrorMessage error={waiting.error ?? start.error} />
      <WithheldRounds rounds={withheld} />
      {empty && waiting.data && open.length + stranded.length + withheld.length === 0 ? (
        <p>Nothing waits for adjudication: draw units into a round, or every unit is settled.</p>
      ) : null}
      {!empty || open.some((r) => r.ready > 0) ? null : stillCoding > 0 ? (
        <p>
          No unit has all its codings yet — {units(stillCoding)} still being coded. Wait for the coders, or close the
          round on the <Link to={`/studies/${studyId}`}>Overview</Link> tab.
        </p>
      ) : null}
      {open
        .filter((r) => r.ready > 0)
        .map((r) => (
          <ReadyRound key={r.roundId} round={r} pending={start.isPending} onStart={() => start.mutate(r.roundId)} />
        ))}
      {start.data ? (
        <p role="status">
          {units(start.data.summary.disagreed)} went to adjudication; {units(start.data.summary.agreed)} got their final
          labels as the coders agreed.
        </p>
      ) : null}
      {(empty ? stranded : []).map((r) => (
        <p key={r.roundId}>
          {units(r.missing)} of the closed round {r.name} {r.missing === 1 ? 'is' : 'are'} missing a coding. The owner
          can reopen the round or offer them to another round or other coders on the{' '}
          <Link to={`/studies/${studyId}`}>Overview</Link> tab.
        </p>
      ))}
    </section>
  );
}

function ReadyRound({ round, pending, onStart }: { round: RoundWaiting; pending: boolean; onStart: () => void }) {
  return (
    <div className="adj-ready">
      <p>
        {units(round.ready)} of the open round {round.name} {round.ready === 1 ? 'has all its' : 'have all their'}{' '}
        codings
        {round.missing > 0 ? `; ${units(round.missing)} still being coded` : ''}. Adjudicate the finished units now: the
        round stays open, and coders who do not adjudicate see nothing of the others’ codings until it closes. Or close
        the round on the Overview tab.
      </p>
      <button type="button" disabled={pending} onClick={onStart}>
        Adjudicate the finished units of {round.name}
      </button>
    </div>
  );
}

function WithheldRounds({ rounds }: { rounds: { id: number; name: string }[] }) {
  if (rounds.length === 0) return null;
  const names = rounds.map((r) => `“${r.name}”`).join(', ');
  const one = rounds.length === 1;
  return (
    <p className="withheld-notice" role="note" aria-label="Blind coding">
      You code in {names}, which {one ? 'is' : 'are'} open and blind, so what waits for adjudication there is hidden
      from you until the owner closes or unblinds {one ? 'it' : 'them'}. An owner or adjudicator who does not code in{' '}
      {one ? 'it' : 'them'} can start on the finished units meanwhile.
    </p>
  );
}

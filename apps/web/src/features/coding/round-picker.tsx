import type { Progress, Round } from '../../api/coding.ts';

/** Open rounds first (in study order), then closed ones. */
const roundsInPickOrder = (rounds: readonly Round[]) =>
  [...rounds].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.position - b.position);

/** The round to open when none is named: the first open one with work left for the coder, else any of theirs. */
export function defaultRound(rounds: readonly Round[], mine: readonly Progress[]): Round | undefined {
  const ordered = roundsInPickOrder(rounds);
  const of = (r: Round) => mine.find((p) => p.roundId === r.id);
  return (
    ordered.find((r) => r.status === 'open' && (of(r)?.assigned ?? 0) > (of(r)?.done ?? 0)) ??
    ordered.find((r) => (of(r)?.assigned ?? 0) > 0) ??
    ordered[0]
  );
}

export function RoundPicker({
  rounds,
  roundId,
  onChange,
}: {
  rounds: readonly Round[];
  roundId: number;
  onChange: (roundId: number) => void;
}) {
  return (
    <label className="round-picker">
      Round
      <select value={roundId} onChange={(e) => onChange(Number(e.target.value))}>
        {roundsInPickOrder(rounds).map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({r.status})
          </option>
        ))}
      </select>
    </label>
  );
}

export function RoundProgress({ progress }: { progress: Progress | undefined }) {
  const done = progress?.done ?? 0;
  const assigned = progress?.assigned ?? 0;
  return (
    <p className="round-progress">
      <progress value={done} max={Math.max(assigned, 1)} aria-label="Your progress in this round" />
      <span>
        {done} / {assigned} coded
        {progress?.unsure ? <span className="hint"> · {progress.unsure} unsure</span> : null}
      </span>
    </p>
  );
}

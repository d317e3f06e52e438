import type { StatValue } from '../../api/agreement.ts';
import { bandOf, formatStat, type Band } from './format.ts';

export function BandTag({ band }: { band: Band }) {
  return <span className={`agr-band agr-band-${band.tone}`}>{band.label}</span>;
}

/** One statistic as a table cell's content: the value and its band, or "not defined" and why. */
export function StatText({ statKey, stat, band = true }: { statKey: string; stat: StatValue; band?: boolean }) {
  if (stat.value === null) {
    return (
      <span className="agr-undefined">
        not defined<span className="hint">{stat.reason ? ` — ${stat.reason}` : ''}</span>
      </span>
    );
  }
  const b = band ? bandOf(statKey, stat.value) : null;
  return (
    <span className="agr-value">
      <span className="agr-number">{formatStat(statKey, stat.value)}</span>
      {b ? (
        <>
          {' '}
          <BandTag band={b} />
        </>
      ) : null}
    </span>
  );
}

/** "0.607 – 0.826", or why there is no interval. */
export function IntervalText({
  statKey,
  ci95,
  note,
}: {
  statKey: string;
  ci95: [number, number] | null | undefined;
  note?: string | null | undefined;
}) {
  if (ci95 === undefined) return null;
  if (ci95 === null) return <span className="hint">no interval{note ? ` — ${note}` : ''}</span>;
  return (
    <span className="agr-number">
      {formatStat(statKey, ci95[0])} – {formatStat(statKey, ci95[1])}
      {note ? <span className="hint"> ({note})</span> : null}
    </span>
  );
}

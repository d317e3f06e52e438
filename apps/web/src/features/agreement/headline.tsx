import type { AgreementSummary, StatEntry } from '../../api/agreement.ts';
import { formatStat, statName, bandOf } from './format.ts';
import type { Names } from './names.ts';
import { BandTag, IntervalText } from './stat-value.tsx';

function Figure({ entry, bootstrap }: { entry: StatEntry; bootstrap: AgreementSummary['bootstrap'] }) {
  const band = entry.value === null ? null : bandOf(entry.key, entry.value);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of figures, not form controls (fieldset is for those)
    <div className="agr-figure" role="group" aria-label={statName(entry.key)}>
      <div className="agr-figure-name">{statName(entry.key)}</div>
      {entry.value === null ? (
        <>
          <div className="agr-figure-value agr-undefined">not defined</div>
          <p className="hint">{entry.reason}</p>
        </>
      ) : (
        <>
          <div className="agr-figure-value">{formatStat(entry.key, entry.value)}</div>
          {band ? <BandTag band={band} /> : null}
          {bootstrap ? (
            <p className="hint">
              95% CI <IntervalText statKey={entry.key} ci95={entry.ci95} note={entry.ciNote} />
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

/** The three numbers a team looks at first: kappa, alpha and raw agreement, with their bands. */
export function Headline({ summary, names }: { summary: AgreementSummary; names: Names }) {
  const { overall, bootstrap } = summary;
  const pick = (key: string) => overall.statistics.find((s) => s.key === key);
  const entries = [pick(overall.headline.kappa), pick(overall.headline.alpha), pick('percent_agreement')].filter(
    (e) => e !== undefined,
  );
  return (
    <section aria-labelledby="agr-headline" className="card">
      <h2 id="agr-headline">Headline</h2>
      <p className="hint">
        {overall.units} {overall.units === 1 ? 'unit' : 'units'} coded by at least two coders
        {overall.coders.length ? ` (${overall.coders.map(names.coder).join(', ')})` : ''}
        {bootstrap
          ? `; 95% intervals from ${bootstrap.resamples.toLocaleString('en')} bootstrap resamples of units, seed ${bootstrap.seed}`
          : ''}
        .
      </p>
      <div className="agr-figures">
        {entries.map((e) => (
          <Figure key={e.key} entry={e} bootstrap={bootstrap} />
        ))}
      </div>
      <p className="hint">
        κ bands after Landis &amp; Koch (1977): below 0 poor, up to .20 slight, .21–.40 fair, .41–.60 moderate, .61–.80
        substantial, .81–1 almost perfect. α after Krippendorff (2004): .800 or more reliable, .667–.800 for tentative
        conclusions only, below .667 unreliable.
      </p>
    </section>
  );
}

/** Every statistic of the scope, with its interval when a bootstrap was asked for. */
export function StatisticsTable({ summary }: { summary: AgreementSummary }) {
  const { statistics } = summary.overall;
  const withCi = summary.bootstrap !== null;
  return (
    <table className="table agr-table" aria-label="All statistics">
      <thead>
        <tr>
          <th scope="col">Statistic</th>
          <th scope="col">Value</th>
          {withCi ? <th scope="col">95% CI</th> : null}
          <th scope="col">Reading</th>
        </tr>
      </thead>
      <tbody>
        {statistics.map((s) => {
          const band = s.value === null ? null : bandOf(s.key, s.value);
          return (
            <tr key={s.key}>
              <th scope="row">{statName(s.key)}</th>
              <td className="agr-num">{s.value === null ? 'not defined' : formatStat(s.key, s.value)}</td>
              {withCi ? (
                <td className="agr-num">
                  <IntervalText statKey={s.key} ci95={s.ci95} note={s.ciNote} />
                </td>
              ) : null}
              <td>
                {s.value === null ? <span className="hint">{s.reason}</span> : band ? <BandTag band={band} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

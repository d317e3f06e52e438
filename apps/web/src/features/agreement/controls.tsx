import type { AgreementParams, AgreementSummary } from '../../api/agreement.ts';
import { agreementExportHref } from '../../api/agreement.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

interface Props {
  studyId: number;
  summary: AgreementSummary;
  params: AgreementParams;
  update: (changes: Record<string, string | number | null | undefined>) => void;
  updating: boolean;
  error: Error | null;
}

/** Scope (round), bootstrap intervals with their seed, and the downloads of the same report. */
export function AgreementControls({ studyId, summary, params, update, updating, error }: Props) {
  return (
    <section aria-labelledby="agr-heading" className="card agr-controls">
      <h2 id="agr-heading">Agreement</h2>
      <div className="inline-form">
        <label>
          Round
          <select value={params.roundId ?? ''} onChange={(e) => update({ round: e.target.value, pair: null })}>
            <option value="">All rounds</option>
            {summary.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="agr-check">
          <input
            type="checkbox"
            checked={params.bootstrap !== undefined}
            onChange={(e) => update({ ci: e.target.checked ? 1 : null })}
          />
          Bootstrap 95% intervals (1,000 resamples)
        </label>
        <label className="agr-check">
          <input
            type="checkbox"
            checked={params.assisted === 'exclude'}
            onChange={(e) => update({ assisted: e.target.checked ? 'exclude' : null, pair: null })}
          />
          Leave out assisted units (assisted rounds, accepted suggestions)
        </label>
        {params.bootstrap !== undefined ? (
          <label>
            Seed
            <input
              type="number"
              step={1}
              className="agr-seed"
              defaultValue={params.seed}
              onChange={(e) => /^-?\d+$/.test(e.target.value) && update({ seed: e.target.value })}
            />
          </label>
        ) : null}
        <nav aria-label="Download the report" className="agr-downloads">
          <a className="agr-button" href={agreementExportHref(studyId, 'csv', params)} download>
            Download CSV
          </a>
          <a className="agr-button" href={agreementExportHref(studyId, 'json', params)} download>
            Download JSON
          </a>
        </nav>
        {updating ? <span className="hint">Updating…</span> : null}
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

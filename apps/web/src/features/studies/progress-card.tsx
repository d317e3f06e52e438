import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client-context.tsx';
import { progressQuery, roundsQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Done / assigned per coder in each round (a coder sees only their own), with unsure counts. */
export function ProgressCard({ studyId }: { studyId: number }) {
  const client = useClient();
  const progress = useQuery(progressQuery(client, studyId));
  const rounds = useQuery(roundsQuery(client, studyId));
  const rows = progress.data?.progress ?? [];
  const withUnits = (rounds.data?.rounds ?? []).filter((r) => rows.some((p) => p.roundId === r.id));
  return (
    <section aria-label="Progress" className="card">
      <h2>Progress</h2>
      <ErrorMessage error={progress.error ?? rounds.error} />
      {progress.isSuccess && withUnits.length === 0 ? (
        <p className="hint">No units are assigned yet: draw a sample into a round.</p>
      ) : null}
      {withUnits.map((r) => (
        <div key={r.id} className="progress-round">
          <h3>{r.name}</h3>
          <ul className="plain-list">
            {rows
              .filter((p) => p.roundId === r.id)
              .map((p) => (
                <li key={p.coderId} className="progress-row">
                  <span className="who-name">{p.username}</span>
                  <progress value={p.done} max={p.assigned} aria-label={`${p.username} in ${r.name}`} />
                  <span>
                    {p.done} / {p.assigned} done
                  </span>
                  <span className="hint">{p.unsure ? `${p.unsure} unsure` : ''}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

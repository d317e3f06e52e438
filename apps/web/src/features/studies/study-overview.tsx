import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client-context.tsx';
import { membersQuery, studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from './use-study-id.ts';

export function StudyOverview() {
  const client = useClient();
  const studyId = useStudyId();
  const study = useQuery(studyQuery(client, studyId));
  const members = useQuery(membersQuery(client, studyId));
  const s = study.data?.study;
  return (
    <div className="grid-2">
      <section aria-label="Settings" className="card">
        <h2>Settings</h2>
        {s ? (
          <dl className="facts">
            <dt>Description</dt>
            <dd>{s.description || '—'}</dd>
            <dt>Unit</dt>
            <dd>{s.unitKind}</dd>
            <dt>Labels</dt>
            <dd>{s.labelMode === 'multi' ? 'several per unit' : 'one per unit'}</dd>
            <dt>Blind coding</dt>
            <dd>{s.blind ? 'on' : 'off'}</dd>
            <dt>Units</dt>
            <dd>{s.units}</dd>
          </dl>
        ) : null}
      </section>
      <section aria-label="Members" className="card">
        <h2>Members</h2>
        <ErrorMessage error={members.error} />
        <ul>
          {members.data?.members.map((m) => (
            <li key={`${m.userId}-${m.role}`}>
              {m.displayName} <span className="hint">({m.username})</span> — {m.role}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

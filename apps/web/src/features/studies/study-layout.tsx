import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';

const tabs = [
  ['', 'Overview'],
  ['threads', 'Threads'],
  ['codebook', 'Codebook'],
  ['code', 'Code'],
  ['agreement', 'Agreement'],
  ['adjudicate', 'Adjudicate'],
  ['analysis', 'Analysis'],
  ['suggestions', 'Suggestions'],
  ['export', 'Export'],
] as const;

export function StudyLayout() {
  const studyId = useStudyId();
  const study = useQuery(studyQuery(useClient(), studyId));
  if (study.isPending) return <p>Loading…</p>;
  if (study.isError) return <ErrorMessage error={study.error} />;
  const { name, roles } = study.data.study;
  // The audit log is for owners (the API answers 403 to anyone else).
  const shown = roles.includes('owner') ? [...tabs, ['audit', 'Audit log'] as const] : tabs;
  return (
    <section aria-labelledby="study-heading">
      <h1 id="study-heading">{name}</h1>
      <p className="hint">Your roles: {roles.join(', ')}</p>
      <nav aria-label="Study" className="tabs">
        {shown.map(([path, label]) => (
          <NavLink key={label} to={path ? `/studies/${studyId}/${path}` : `/studies/${studyId}`} end={!path}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { lockReason, tabsFor } from './tab-access.ts';

/**
 * A study's heading and the tabs its member may use. The Overview says why the others are hidden,
 * and a page opened by URL that the member may not use says why instead of loading.
 */
export function StudyLayout() {
  const studyId = useStudyId();
  const study = useQuery(studyQuery(useClient(), studyId));
  const tab = useLocation().pathname.split('/')[3] ?? '';
  // A page open to every member (Code, say) starts loading its own data alongside the study's.
  if (study.isPending && lockReason(tab, { roles: [], blind: true }) !== null)
    return <p className="loading">Loading…</p>;
  if (study.isPending)
    return (
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    );
  if (study.isError) return <ErrorMessage error={study.error} />;
  const { name, roles } = study.data.study;
  const { open, reasons } = tabsFor(study.data.study);
  const locked = lockReason(tab, study.data.study);
  return (
    <section aria-labelledby="study-heading">
      <h1 id="study-heading">{name}</h1>
      <p className="hint">
        Your roles: {roles.join(', ')}
        {tab === '' && reasons.length > 0 ? ` — ${reasons.join(' ')}` : null}
      </p>
      <nav aria-label="Study" className="tabs">
        {open.map(({ path, label }) => (
          <NavLink key={label} to={path ? `/studies/${studyId}/${path}` : `/studies/${studyId}`} end={!path}>
            {label}
          </NavLink>
        ))}
      </nav>
      {locked ? (
        <p role="note" className="notice">
          {locked}
        </p>
      ) : (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      )}
    </section>
  );
}

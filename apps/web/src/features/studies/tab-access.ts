import type { Study } from '../../api/studies.ts';

export interface StudyTab {
  path: string;
  label: string;
}

const tabs = [
  { path: '', label: 'Overview' },
  { path: 'threads', label: 'Threads' },
  { path: 'codebook', label: 'Codebook' },
  { path: 'code', label: 'Code' },
  { path: 'agreement', label: 'Agreement' },
  { path: 'adjudicate', label: 'Adjudicate' },
  { path: 'analysis', label: 'Analysis' },
  { path: 'suggestions', label: 'Suggestions' },
  { path: 'export', label: 'Export' },
  { path: 'audit', label: 'Audit log' },
] as const satisfies readonly StudyTab[];

type TabPath = (typeof tabs)[number]['path'];

/**
 * Why a tab is closed to this member, or null when it is open. Mirrors the API's checks
 * (auth/middleware.ts requireStudyRole, db/visibility.ts resultsVisible), so the app never
 * offers a page whose every request would answer 403.
 */
export function lockReason(path: string, study: Pick<Study, 'roles' | 'blind'>): string | null {
  const owner = study.roles.includes('owner');
  const lead = owner || study.roles.includes('adjudicator');
  switch (path as TabPath) {
    case 'adjudicate':
      return lead ? null : 'Adjudication is for the study’s adjudicators and owners.';
    case 'audit':
      return owner ? null : 'The audit log is for the study’s owners.';
    case 'agreement':
    case 'analysis':
    case 'suggestions':
      return lead || !study.blind
        ? null
        : 'Agreement, analysis and the suggestion evaluation stay hidden from coders while the study is blind, so that no coder learns how the others label.';
    default:
      return null;
  }
}

/** The tabs this member can use, and the reasons for those hidden (each reason once). */
export function tabsFor(study: Pick<Study, 'roles' | 'blind'>): { open: StudyTab[]; reasons: string[] } {
  const open = tabs.filter((t) => lockReason(t.path, study) === null);
  const reasons = [...new Set(tabs.map((t) => lockReason(t.path, study)).filter((r): r is string => r !== null))];
  return { open, reasons };
}

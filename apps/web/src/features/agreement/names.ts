import type { AgreementSummary } from '../../api/agreement.ts';

/** Code ids and user names as people read them (the API sends ids; the codebook and members give names). */
export interface Names {
  code: (id: string) => string;
  coder: (username: string) => string;
}

export function namesOf(summary: AgreementSummary): Names {
  const codes = new Map(summary.codes.map((c) => [c.id, c.name]));
  const coders = new Map(summary.coders.map((c) => [c.username, c.displayName]));
  return {
    code: (id) => (id === '(none)' ? 'No code' : (codes.get(id) ?? id)),
    coder: (username) => coders.get(username) ?? username,
  };
}

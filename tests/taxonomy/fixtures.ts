// A small, literal codebook the taxonomy tests share: two dimensions, a nested
// category, a deprecated code, and text that needs escaping in every format.
import type { ChangeMeta, Code, Codebook } from '@threadcoder/taxonomy';

const blank = {
  definition: '',
  includeNote: '',
  excludeNote: '',
  examples: [],
  color: null,
  shortcut: null,
  status: 'active',
  codable: true,
} as const;

export function code(fields: Partial<Code> & Pick<Code, 'id' | 'name'>): Code {
  return { parentId: null, position: 0, dimension: fields.id, ...blank, examples: [], ...fields };
}

export function smallCodebook(): Codebook {
  return {
    name: 'Forum study',
    description: 'A test codebook',
    templateId: null,
    version: 1,
    codes: [
      code({ id: 'challenge', name: 'Challenge', codable: false, color: '#112233' }),
      code({
        id: 'docs',
        name: 'Documentation gaps',
        parentId: 'challenge',
        position: 0,
        dimension: 'challenge',
        definition: 'Docs are missing, outdated or unclear.',
        includeNote: 'Model cards, too.',
        excludeNote: 'API errors.',
        examples: [{ quote: 'The model card says nothing', postId: 12 }],
        color: '#1F77B4',
        shortcut: '1',
      }),
      code({
        id: 'memory',
        name: 'Memory, performance',
        parentId: 'challenge',
        position: 1,
        dimension: 'challenge',
        codable: false,
        color: '#FF7F0E',
      }),
      code({
        id: 'oom',
        name: 'Out of memory',
        parentId: 'memory',
        position: 0,
        dimension: 'challenge',
        definition: 'CUDA OOM & friends.',
        color: '#2CA02C',
        shortcut: '2',
      }),
      code({ id: 'benefit', name: 'Benefit', position: 1, codable: false, color: '#445566' }),
      code({
        id: 'reuse',
        name: 'Reuse saves time',
        parentId: 'benefit',
        position: 0,
        dimension: 'benefit',
        definition: 'Says "reuse" | saves\ntime.',
        examples: [{ quote: 'Saved weeks <really>' }],
        color: '#D62728',
        shortcut: '3',
      }),
      code({
        id: 'old',
        name: 'Old code',
        parentId: 'benefit',
        position: 1,
        dimension: 'benefit',
        status: 'deprecated',
        color: '#9467BD',
      }),
    ],
  };
}

export const META: ChangeMeta = { by: 7, at: '2026-03-01T10:00:00.000Z', why: 'Calibration round 1' };

/** Unwraps a Result in a test, failing with its errors when it is not ok. */
export function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown[] }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.value;
}

/** The error codes of a failed Result ([] when it succeeded). */
export function errorCodes(result: { ok: boolean; errors?: { code: string }[] }): string[] {
  return result.ok ? [] : (result.errors ?? []).map((each) => each.code);
}

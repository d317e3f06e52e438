// Small text helpers shared by the parsers.
import { createHash } from 'node:crypto';
import { HASHED_POST_FIELDS } from './post-fields.ts';
import { SANITIZER_VERSION } from './sanitize.ts';
import type { NormalizedPost } from './types.ts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** Plain-text bodies (CSV/JSONL bodyFormat 'text'): blank lines split paragraphs, single newlines become <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((para) => para.trim())
    .filter((para) => para !== '')
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * Tags as found in dumps: an array, `<python><bert>` (Stack Exchange), `|python|bert|`
 * (newer Stack Exchange dumps), or a comma/semicolon separated string (CSV).
 */
export function splitTags(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value.map((t) =>
        typeof t === 'string' ? t : typeof t === 'object' && t !== null && 'name' in t ? String(t.name) : String(t),
      )
    : typeof value === 'string'
      ? value.includes('<')
        ? [...value.matchAll(/<([^>]*)>/g)].map((m) => m[1] ?? '')
        : value.split(/[|,;]/)
      : [];
  return [...new Set(list.map((t) => t.trim()).filter((t) => t !== ''))];
}

/**
 * Identifies a post's input, so a re-import can tell unchanged posts without sanitizing
 * them again (the fields in HASHED_POST_FIELDS, a stored field missing from which would never be
 * updated by a re-import). `salt` holds import options that change sanitized output (the base URL).
 */
export function contentHash(post: NormalizedPost, salt = ''): string {
  const key = [SANITIZER_VERSION, salt, ...HASHED_POST_FIELDS.map((field) => post[field] ?? null)];
  return createHash('sha1').update(JSON.stringify(key)).digest('base64url');
}

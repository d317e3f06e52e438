// Discourse posts that are not messages to code, each counted under its own reason rather
// than silently dropped. The same rules hold for dumps and for the collector.
import { isObject } from '../fields.ts';

const SMALL_ACTION = 3; // "closed the topic", "pinned", …: events, not messages.
const WHISPER = 4; // staff-only notes, seen only with a staff API key: not part of the public discussion.

export const skipReasons = {
  smallAction: 'Discourse small-action posts (post_type 3: topic closed, pinned, …)',
  whisper: 'Discourse whispers (post_type 4: staff-only notes)',
  deleted: 'deleted Discourse posts (deleted_at or user_deleted set, or "(post deleted by author)")',
  hidden: 'hidden Discourse posts (hidden by flags; their content is withheld)',
} as const;

// What Discourse leaves in `cooked` once an author deletes a post (older versions: "withdrawn"),
// inside an optional <p>. Only short cooked is tested: the marker is short, and a regex over a
// long post's leading whitespace would take seconds.
const DELETED_BY_AUTHOR = /^\(post (deleted|withdrawn) by author[^)]*\)$/;
const DELETED_MARKER_MAX = 200;

function deletedByAuthor(cooked: string): boolean {
  if (cooked.length > DELETED_MARKER_MAX) return false;
  let s = cooked.trim();
  if (s.startsWith('<p>')) s = s.slice(3).trimStart();
  if (s.endsWith('</p>')) s = s.slice(0, -4).trimEnd();
  return DELETED_BY_AUTHOR.test(s);
}

/** Why a raw post is left out, or undefined if it is a message to import. */
export function skipReason(p: unknown): keyof typeof skipReasons | undefined {
  if (!isObject(p)) return undefined;
  if (p.post_type === SMALL_ACTION) return 'smallAction';
  if (p.post_type === WHISPER) return 'whisper';
  if ((typeof p.deleted_at === 'string' && p.deleted_at !== '') || p.user_deleted === true) return 'deleted';
  if (typeof p.cooked === 'string' && deletedByAuthor(p.cooked)) return 'deleted';
  if (p.hidden === true || p.cooked_hidden === true) return 'hidden';
  return undefined;
}

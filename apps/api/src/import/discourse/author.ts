// Who wrote a Discourse post, as the forum shows it beside the name: the post serializer's
// `admin`, `moderator` and `staff` flags (staff = admin or moderator), `primary_group_name`,
// `user_title`, `flair_name` and `trust_level`; and which post the Solved plugin marks as the
// topic's accepted answer (the topic's `accepted_answer.post_number`).
import type { ErrorWhere } from '../../http/errors.ts';
import { at, isObject, optionalInt, optionalString } from '../fields.ts';
import type { AuthorRole, NormalizedPost } from '../types.ts';

type Standing = Pick<NormalizedPost, 'authorRole' | 'authorGroup' | 'authorTitle' | 'authorFlair' | 'authorTrustLevel'>;

/** The strongest flag set, or undefined for a user without one. */
function role(p: Record<string, unknown>): AuthorRole | undefined {
  if (p.admin === true) return 'admin';
  if (p.moderator === true) return 'moderator';
  if (p.staff === true) return 'staff';
  return undefined;
}

/** The author fields the post carries; absent ones are left out. */
export function authorStanding(p: Record<string, unknown>, where: ErrorWhere): Standing {
  const standing: Standing = {
    authorRole: role(p),
    authorGroup: optionalString(p.primary_group_name, at(where, 'primary_group_name'), 'primary_group_name'),
    authorTitle: optionalString(p.user_title, at(where, 'user_title'), 'user_title'),
    authorFlair: optionalString(p.flair_name, at(where, 'flair_name'), 'flair_name'),
    authorTrustLevel: optionalInt(p.trust_level, at(where, 'trust_level'), 'trust_level'),
  };
  return Object.fromEntries(Object.entries(standing).filter(([, v]) => v !== undefined)) as Standing;
}

/** The post number of the topic's accepted answer (`accepted_answer: { post_number, username, … }`), if any. */
export function acceptedPostNumber(value: unknown, where: ErrorWhere): number | undefined {
  if (!isObject(value)) return undefined;
  return optionalInt(value.post_number, at(where, 'post_number'), 'accepted_answer.post_number');
}

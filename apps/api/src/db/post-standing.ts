// A post's accepted-answer flag and its author's forum standing (migration 023), read the same
// way wherever posts are shown: the thread page, the coding screen, adjudication.
import type { AuthorRole } from '../import/types.ts';

export interface PostStanding {
  acceptedAnswer: boolean;
  /** admin, moderator or staff; null for other users. */
  authorRole: AuthorRole | null;
  authorGroup: string | null;
  authorTitle: string | null;
}

/** The columns of posts (alias `p`) as PostStanding's keys; the flag comes as 0/1, see `withStanding`. */
export const postStandingSql = (p: string) =>
  `${p}.accepted_answer AS acceptedAnswer, ${p}.author_role AS authorRole, ${p}.author_group AS authorGroup, ${p}.author_title AS authorTitle`;

/** A row read with postStandingSql, its flag a boolean. */
export function withStanding<T extends { acceptedAnswer: number }>(
  row: T,
): Omit<T, 'acceptedAnswer'> & { acceptedAnswer: boolean } {
  const { acceptedAnswer, ...rest } = row;
  return { ...rest, acceptedAnswer: acceptedAnswer === 1 };
}

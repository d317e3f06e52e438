// A post's stored fields, declared once. The staging table and its rows (staging.ts), the store's
// INSERT … SELECT, INSERT and UPDATE of posts (store.ts), the content hash (text.ts) and the content
// columns a revision keeps (db/revisions.ts) derive from these lists, so a new post field is a line
// here, its posts column (a migration) and the parser that reads it.
import type { SanitizedPost } from './sanitize.ts';
import type { NormalizedPost } from './types.ts';

/** How a parsed field is stored: text, an integer, or a flag (true 1, anything else 0). */
type Kind = 'text' | 'integer' | 'flag';

/**
 * Every field of NormalizedPost (one left out does not compile) with its posts column; `html` is
 * stored sanitized, as the content columns below. Every field but the identity and the position
 * makes the content hash, in this order: append new fields, or every stored hash changes.
 */
const PARSED = {
  externalId: { column: 'external_id', kind: 'text' },
  postNumber: { column: 'post_number', kind: 'integer' },
  author: { column: 'author', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'text' },
  replyTo: { column: 'reply_to', kind: 'integer' },
  likeCount: { column: 'like_count', kind: 'integer' },
  html: 'sanitized',
  acceptedAnswer: { column: 'accepted_answer', kind: 'flag' },
  authorRole: { column: 'author_role', kind: 'text' },
  authorGroup: { column: 'author_group', kind: 'text' },
  authorTitle: { column: 'author_title', kind: 'text' },
  authorFlair: { column: 'author_flair', kind: 'text' },
  authorTrustLevel: { column: 'author_trust_level', kind: 'integer' },
} as const satisfies { [F in keyof NormalizedPost]-?: { column: string; kind: Kind } | 'sanitized' };

/** What the sanitizer makes of `html`: the content columns, which a revision keeps too (post_revisions). */
const CONTENT = {
  html: 'html',
  text: 'text',
  quotedText: 'quoted_text',
  previewText: 'preview_text',
  contentKind: 'content_kind',
} as const satisfies { [F in Exclude<keyof SanitizedPost, 'relativeLinks'>]: string };

type ParsedField = Exclude<keyof typeof PARSED, 'html'>;
const parsedFields = (Object.keys(PARSED) as (keyof typeof PARSED)[]).filter((f): f is ParsedField => f !== 'html');

/** Compared by the store itself: the identity, and the position, which can be derived. */
export const POST_FIELDS_COMPARED_APART = ['externalId', 'postNumber'] as const satisfies readonly ParsedField[];

/** The post fields a re-import compares through the content hash, in hash order. */
export const HASHED_POST_FIELDS = (Object.keys(PARSED) as (keyof NormalizedPost)[]).filter(
  (f) => !(POST_FIELDS_COMPARED_APART as readonly string[]).includes(f),
);

export const POST_CONTENT_COLUMNS = Object.values(CONTENT);
export type PostContentColumn = (typeof CONTENT)[keyof typeof CONTENT];

type PostColumn = (typeof PARSED)[ParsedField]['column'] | PostContentColumn | 'content_hash';

/** The posts columns an import writes, in the order of postValues(). */
export const POST_COLUMNS: PostColumn[] = [
  ...parsedFields.map((f) => PARSED[f].column),
  ...POST_CONTENT_COLUMNS,
  'content_hash',
];

/** The columns an update of a stored post sets: all but its identity, by which it was found. */
export const UPDATED_POST_COLUMNS = POST_COLUMNS.filter((c) => c !== PARSED.externalId.column);

/** Each column with its SQL type, for the staging table. */
export const POST_COLUMN_TYPES = [
  ...parsedFields.map((f) => `${PARSED[f].column} ${PARSED[f].kind === 'text' ? 'TEXT' : 'INTEGER'}`),
  ...POST_CONTENT_COLUMNS.map((c) => `${c} TEXT`),
  'content_hash TEXT',
].join(', ');

/** A post as staged and stored: its columns by name; the content is null where phase 1 skipped sanitizing. */
export type StagedPost = Record<PostColumn, string | number | null> & {
  external_id: string;
  post_number: number;
  html: string | null;
  text: string | null;
  quoted_text: string | null;
  content_hash: string;
};

/** The values of POST_COLUMNS for a parsed post, its sanitized content (if any) and its hash. */
export function postValues(
  post: NormalizedPost,
  clean: SanitizedPost | undefined,
  hash: string,
): (string | number | null)[] {
  const parsed = parsedFields.map((f) => {
    const value = post[f];
    return PARSED[f].kind === 'flag' ? (value ? 1 : 0) : ((value as string | number | undefined) ?? null);
  });
  const content = (Object.keys(CONTENT) as (keyof typeof CONTENT)[]).map((k) => clean?.[k] ?? null);
  return [...parsed, ...content, hash];
}

// A re-import updates a stored post only when its content hash changes, so a post field the hash
// leaves out would silently never be updated. Every field of NormalizedPost must change the hash,
// except those the store compares itself.
import { describe, expect, test } from 'vitest';
import { HASHED_POST_FIELDS, POST_FIELDS_COMPARED_APART } from '../../apps/api/src/import/post-fields.ts';
import { contentHash } from '../../apps/api/src/import/text.ts';
import type { NormalizedPost } from '../../apps/api/src/import/types.ts';

// Required<>: a field added to NormalizedPost fails the typecheck until it is given a value here.
const post: Required<NormalizedPost> = {
  externalId: '60002',
  postNumber: 2,
  replyTo: 1,
  author: 'cora',
  createdAt: '2023-05-01T12:00:00.000Z',
  html: '<p>Use push_to_hub().</p>',
  likeCount: 3,
  acceptedAnswer: true,
  authorRole: 'moderator',
  authorGroup: 'huggingface',
  authorTitle: 'HF staff',
  authorFlair: 'huggingface',
  authorTrustLevel: 4,
};

/** Another value of the same type. */
function changed(value: unknown): unknown {
  if (typeof value === 'string') return `${value}!`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [...value, value[0] ?? null];
  if (typeof value === 'object' && value !== null) return { ...value, changed: true };
  throw new Error(`no other value for ${String(value)}`);
}

const fields = Object.keys(post) as (keyof NormalizedPost)[];
const comparedApart: readonly string[] = POST_FIELDS_COMPARED_APART;

describe('the content hash of a post', () => {
  test.each(fields.filter((f) => !comparedApart.includes(f)))('changes when %s changes', (field) => {
    expect(contentHash({ ...post, [field]: changed(post[field]) })).not.toBe(contentHash(post));
  });

  test('every field is hashed or compared by the store, never both', () => {
    expect([...HASHED_POST_FIELDS, ...POST_FIELDS_COMPARED_APART].sort()).toEqual([...fields].sort());
  });

  test('does not depend on the fields the store compares itself', () => {
    expect(contentHash({ ...post, externalId: '9', postNumber: 7 })).toBe(contentHash(post));
  });

  // Pinned: a hash that changes makes the next re-import re-sanitize and rewrite every stored post.
  test('is the same as stored by earlier imports', () => {
    expect(contentHash(post)).toBe('fF6MXxTLr6B-oQWAwb99vvqiuaA');
    const bare = { externalId: '1', postNumber: 1, createdAt: '2023-05-01T12:00:00.000Z', html: '<p>x</p>' };
    expect(contentHash(bare, 'https://discuss.huggingface.co')).toBe('bVLeT0Rwuj_FhHKpGmV3NPG3Mhg');
  });

  test('changes with the salt (the base URL)', () => {
    expect(contentHash(post, 'https://discuss.huggingface.co')).not.toBe(contentHash(post));
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CODE_ID_NAMESPACE, codeGuid, normalizeGuid, uuidV5 } from '@threadcoder/taxonomy';
import { sha1 } from '../../packages/taxonomy/src/sha1.ts';

describe('sha1', () => {
  test.each([
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ])('FIPS 180 example %j', (text, digest) => {
    expect(Buffer.from(sha1(new TextEncoder().encode(text))).toString('hex')).toBe(digest);
  });

  test.each([55, 56, 63, 64, 65, 119, 1000])('agrees with node:crypto at %i bytes (padding edges)', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
    expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
  });
});

describe('uuidV5 and code guids', () => {
  test('matches the well-known v5 of www.example.com in the DNS namespace', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  test("code guids are v5 in Threadcoder's namespace, and stable", () => {
    expect(CODE_ID_NAMESPACE).toBe('8baf6be0-9289-4619-815c-5c2acd0e6e8b');
    expect(codeGuid('beginner-guidance')).toBe(uuidV5(CODE_ID_NAMESPACE, 'beginner-guidance'));
    expect(codeGuid('docs')).toBe('42512a61-fa1d-5e44-bdc9-c8200981a4c6');
    expect(codeGuid('docs')[14]).toBe('5');
  });

  test.each([
    ['{6F1C1E2A-7B1D-4C8E-9A51-0D3C2B1A0F01}', '6f1c1e2a-7b1d-4c8e-9a51-0d3c2b1a0f01'],
    [' 6f1c1e2a-7b1d-4c8e-9a51-0d3c2b1a0f01 ', '6f1c1e2a-7b1d-4c8e-9a51-0d3c2b1a0f01'],
    ['not-a-guid', null],
  ])('normalizeGuid(%j)', (text, expected) => {
    expect(normalizeGuid(text)).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { CODE_ID_NAMESPACE, codeGuid, normalizeGuid, uuidV5 } from '@threadcoder/taxonomy';

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

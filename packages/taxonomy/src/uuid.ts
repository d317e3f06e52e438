// Name-based UUIDs (RFC 9562 section 5.5, version 5) for REFI-QDA guids. A code's
// guid is derived from its id, so every export of the same code carries the same
// guid (other tools match codes across files by guid) without a guid column.
import { sha1 } from './sha1.ts';

/** Threadcoder's namespace for code ids (a random UUID fixed once, never to change). */
export const CODE_ID_NAMESPACE = '8baf6be0-9289-4619-815c-5c2acd0e6e8b';

const UUID_PATTERN = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

export function uuidV5(namespace: string, name: string): string {
  const space = namespace.replace(/-/g, '');
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i += 1) input[i] = parseInt(space.slice(i * 2, i * 2 + 2), 16);
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80; // RFC variant
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A GUID in the lower-case, brace-free form, or null when `text` is not one. */
export function normalizeGuid(text: string): string | null {
  const match = UUID_PATTERN.exec(text.trim());
  return match ? match.slice(1, 6).join('-').toLowerCase() : null;
}

/** The REFI-QDA guid of a code: the id itself when it already is a GUID
 * (codes first imported from another tool keep theirs), else derived from it. */
export function codeGuid(id: string): string {
  return normalizeGuid(id) ?? uuidV5(CODE_ID_NAMESPACE, id);
}

// Name-based UUIDs (RFC 9562 section 5.5, version 5) for REFI-QDA guids. A code's
// guid is derived from its id, so every export of the same code carries the same
// guid (other tools match codes across files by guid) without a guid column.
// The uuid package computes them the same way in Node and in the browser, synchronously.
import { v5 } from 'uuid';

/** Threadcoder's namespace for code ids (a random UUID fixed once, never to change). */
export const CODE_ID_NAMESPACE = '8baf6be0-9289-4619-815c-5c2acd0e6e8b';

const UUID_PATTERN = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

export function uuidV5(namespace: string, name: string): string {
  return v5(name, namespace);
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

// Request bodies must be UTF-8 (RFC 8259 §8.1). A decoder that swaps bad bytes for U+FFFD would
// store text the client never sent, so a body that is not UTF-8 is refused, saying where.
import { isUtf8 } from 'node:buffer';
import { AppError } from './errors.ts';

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes after the lead, and the smallest code point that may use that many
    // (a smaller one is an overlong form); C0, C1 and F5–FF never lead.
    const [tail, min] =
      lead >= 0xc2 && lead <= 0xdf ? [1, 0x80] : lead >= 0xe0 && lead <= 0xef ? [2, 0x800] : [3, 0x10000];
    if (lead < 0xc2 || lead > 0xf4 || i + tail >= bytes.length) return i;
    let codePoint = lead & (0x3f >> tail);
    for (let k = 1; k <= tail; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += tail + 1;
  }
  return -1;
}

/** The body as text, or a 400 naming the byte (and line) where it stops being UTF-8. */
export function decodeUtf8Body(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return new TextDecoder().decode(bytes);
  const offset = invalidUtf8Offset(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  throw new AppError(
    'request.invalid_utf8',
    400,
    `The request body is not valid UTF-8: byte ${offset} (0x${hex}, line ${line}) does not start a UTF-8 character. Send text as UTF-8.`,
    { field: 'body', line },
  );
}

// The text of a .qdpx source and where units and quotes fall in it, in code points.
// A thread's source text is its posts' stored plain texts in post order joined by a blank line
// ("\n\n"): exactly the text a thread unit's quote offsets count in, and a post unit's text is
// a slice of it. The file is written with LF line ends and without a byte-order mark (other
// tools count offsets in the file as written), so CRLF and lone CR become LF and a leading
// U+FEFF is dropped; offsets into the stored text are mapped through those changes.

const POST_SEPARATOR = '\n\n';

export interface SourceText {
  text: string;
  /** Length in code points. */
  length: number;
  /** Length of the stored (joined) text in code points. */
  storedLength: number;
  /** Code-point offset in the written text of a code-point offset in the stored (joined) text. */
  at(storedOffset: number): number;
  /** The stored (joined) text between two code-point offsets. */
  storedSlice(start: number, end: number): string;
  /** Code-point span of each post in the written text, by post id. */
  posts: Map<number, { start: number; end: number; storedStart: number; storedLength: number }>;
}

// What moves offsets: a CR before LF (the written text drops it) and a surrogate pair (one code
// point in two UTF-16 units). Without a u flag the pattern sees UTF-16 units, pairing a high
// surrogate with the low one after it as Array.from does; a lone surrogate is one code point.
const CRLF_OR_PAIR = /\r\n|[\ud800-\udbff][\udc00-\udfff]/g;
const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

// Offsets are mapped through two sorted lists, one entry per CRLF and per emoji (never per
// character): the code points the written text drops, and where the surrogate pairs are.
export function sourceText(posts: readonly { id: number; text: string }[]): SourceText {
  const stored = posts.map((p) => p.text).join(POST_SEPARATOR);
  const bom = stored.startsWith('\ufeff');
  const dropped: number[] = bom ? [0] : []; // code-point offsets in the stored text
  const pairs: number[] = []; // code-point offsets of the surrogate pairs
  for (const m of stored.matchAll(CRLF_OR_PAIR)) {
    const point = m.index - pairs.length;
    if (m[0] === '\r\n') dropped.push(point);
    else pairs.push(point);
  }
  const storedLength = stored.length - pairs.length;
  const clamp = (o: number) => Math.max(0, Math.min(storedLength, o));
  const at = (o: number) => clamp(o) - countBelow(dropped, clamp(o));
  const unitIndex = (o: number) => clamp(o) + countBelow(pairs, clamp(o));
  const spans = new Map<number, { start: number; end: number; storedStart: number; storedLength: number }>();
  let offset = 0;
  for (const p of posts) {
    const length = p.text.length - (p.text.match(PAIR)?.length ?? 0);
    spans.set(p.id, { start: at(offset), end: at(offset + length), storedStart: offset, storedLength: length });
    offset += length + POST_SEPARATOR.length;
  }
  return {
    // A lone CR is a line end; a CR before LF goes.
    text: (bom ? stored.slice(1) : stored).replace(/\r\n?/g, '\n'),
    length: storedLength - dropped.length,
    storedLength,
    at,
    storedSlice: (start, end) => stored.slice(unitIndex(start), unitIndex(end)),
    posts: spans,
  };
}

/** How many of the sorted numbers are below `n`. */
function countBelow(sorted: readonly number[], n: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < n) low = mid + 1;
    else high = mid;
  }
  return low;
}

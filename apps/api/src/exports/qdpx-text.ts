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

// A text without CR, surrogate pairs or a leading byte-order mark is written as stored, and its
// code points are its UTF-16 units: offsets need no table (which would hold a number per character).
const needsMapping = /[\r\ud800-\udfff]|^\ufeff/;

export function sourceText(posts: readonly { id: number; text: string }[]): SourceText {
  const stored = posts.map((p) => p.text).join(POST_SEPARATOR);
  if (!needsMapping.test(stored)) return plainSourceText(posts, stored);
  const points = Array.from(stored);
  const out: string[] = [];
  // map[i]: where stored code point i lands in the written text; map[n] is the written length.
  const map = new Array<number>(points.length + 1);
  for (let i = 0; i < points.length; i++) {
    map[i] = out.length;
    const ch = points[i]!;
    if (ch === '\r') {
      if (points[i + 1] !== '\n') out.push('\n'); // a lone CR is a line end; CR before LF is dropped
    } else if (!(ch === '\ufeff' && i === 0)) {
      out.push(ch);
    }
  }
  map[points.length] = out.length;
  const spans = new Map<number, { start: number; end: number; storedStart: number; storedLength: number }>();
  let offset = 0;
  for (const p of posts) {
    const storedLength = Array.from(p.text).length;
    spans.set(p.id, { start: map[offset]!, end: map[offset + storedLength]!, storedStart: offset, storedLength });
    offset += storedLength + POST_SEPARATOR.length;
  }
  return {
    text: out.join(''),
    length: out.length,
    storedLength: points.length,
    at: (o) => map[Math.max(0, Math.min(points.length, o))]!,
    storedSlice: (start, end) => points.slice(start, end).join(''),
    posts: spans,
  };
}

function plainSourceText(posts: readonly { id: number; text: string }[], stored: string): SourceText {
  const spans = new Map<number, { start: number; end: number; storedStart: number; storedLength: number }>();
  let offset = 0;
  for (const p of posts) {
    spans.set(p.id, { start: offset, end: offset + p.text.length, storedStart: offset, storedLength: p.text.length });
    offset += p.text.length + POST_SEPARATOR.length;
  }
  return {
    text: stored,
    length: stored.length,
    storedLength: stored.length,
    at: (o) => Math.max(0, Math.min(stored.length, o)),
    storedSlice: (start, end) => stored.slice(start, end),
    posts: spans,
  };
}

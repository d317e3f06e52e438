import type { CodingBody } from '../../api/coding.ts';

export type Quote = CodingBody['quotes'][string];

// A quote's offsets count code points (as REFI-QDA does) in the unit's plain text as the API
// stores it (posts.text; for a thread unit its posts' texts joined by a blank line). The
// rendered HTML spaces text differently, so the selection is found again in that plain text.
const separator = '\n\n';
const codePoints = (text: string) => [...text].length;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `selected` occurs in `text` ignoring how whitespace is laid out, nearest to `near` (0..1 of the way through). */
export function locate(text: string, selected: string, near: number): { index: number; text: string } | null {
  const words = selected.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return null;
  const target = near * text.length;
  let best: RegExpExecArray | null = null;
  for (const m of text.matchAll(new RegExp(words.join('\\s+'), 'g'))) {
    if (!best || Math.abs(m.index - target) < Math.abs(best.index - target)) best = m as RegExpExecArray;
  }
  return best && { index: best.index, text: best[0] };
}

/** The current selection as a quote, if it lies inside one of the unit's posts (`bodies`, with their plain `texts`, in order). */
export function selectionQuote(
  bodies: readonly Element[],
  texts: readonly string[],
  selection: Selection | null = document.getSelection(),
): Quote | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  let offset = 0;
  for (const [i, body] of bodies.entries()) {
    const plain = texts[i] ?? body.textContent ?? '';
    if (body.contains(range.startContainer) && body.contains(range.endContainer)) {
      const before = document.createRange();
      before.setStart(body, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const shown = body.textContent ?? '';
      const found = locate(plain, range.toString(), shown.length ? before.toString().length / shown.length : 0);
      if (!found) return null;
      const start = offset + codePoints(plain.slice(0, found.index));
      return { text: found.text, start, end: start + codePoints(found.text) };
    }
    offset += codePoints(plain) + codePoints(separator);
  }
  return null;
}

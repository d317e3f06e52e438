import { codePoints, locate, type QuotablePost, type Quote } from '../../components/quote-range.ts';

// The selection a coder makes in a post, as a quote of the unit's text (components/quote-range.ts:
// how offsets are counted, and where a stored quote shows).

/** The current selection as a quote, if it lies inside one of the unit's posts on screen. */
export function selectionQuote(
  posts: readonly QuotablePost[],
  selection: Selection | null = document.getSelection(),
): Quote | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const post = posts.find((p) => p.body.contains(range.startContainer) && p.body.contains(range.endContainer));
  if (!post) return null;
  const before = document.createRange();
  before.setStart(post.body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const shown = post.body.textContent ?? '';
  const found = locate(post.text, range.toString(), shown.length ? before.toString().length / shown.length : 0);
  if (!found) return null;
  const start = post.start + codePoints(post.text.slice(0, found.index));
  return { text: found.text, start, end: start + codePoints(found.text) };
}

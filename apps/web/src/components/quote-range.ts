import type { CodingBody } from '../api/coding.ts';

export type Quote = CodingBody['quotes'][string];

// A quote's offsets count code points (as REFI-QDA does) in the unit's plain text as the API
// stores it (posts.text; for a thread unit its posts' texts joined by a blank line). The API
// gives each post's start in that text (a thread unit comes a page at a time). The rendered
// HTML spaces text differently, so a selection is found again in the plain text, and a stored
// quote's words again in the rendered body.
export const codePoints = (text: string) => [...text].length;
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

/** One of the unit's posts on screen: its body, its plain text, and where that text starts in the unit's text (from the API). */
export interface QuotablePost {
  body: Element;
  text: string;
  start: number;
}

/** The text nodes' range holding characters [from, to) of `root`'s textContent. */
function rangeIn(root: Element, from: number, to: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && from < seen + length) {
      range.setStart(node, from - seen);
      started = true;
    }
    if (started && to <= seen + length) {
      range.setEnd(node, to - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

/** The post on screen whose text the quote's offsets fall in, if it is on screen. */
export const quotePost = (posts: readonly QuotablePost[], quote: Quote): QuotablePost | undefined =>
  posts.find((p) => quote.start >= p.start && quote.end <= p.start + codePoints(p.text));

/** Where a stored quote shows: its words in its post's body, if that post is on screen. */
export function quoteRange(posts: readonly QuotablePost[], quote: Quote): Range | null {
  const post = quotePost(posts, quote);
  if (!post) return null;
  // The quote's place in the post's plain text (code points to UTF-16), then the same words in what the body shows.
  const before = Array.from(post.text)
    .slice(0, quote.start - post.start)
    .join('');
  const shown = post.body.textContent ?? '';
  const found = locate(shown, quote.text, post.text.length ? before.length / post.text.length : 0);
  return found && rangeIn(post.body, found.index, found.index + found.text.length);
}

import { type QuotablePost, type Quote, quoteRange } from './quote-range.ts';

// One highlight for the quotes on the coding and adjudication screens, styled by ::highlight(quote) in the stylesheet.
const NAME = 'quote';

/**
 * Marks the quotes in the posts on screen with the CSS Custom Highlight API, which leaves the
 * posts' HTML alone (where the browser has no such API, nothing is marked). Returns the undo.
 */
export function highlightQuotes(posts: readonly QuotablePost[], quotes: readonly Quote[]): () => void {
  if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined') return () => {};
  const ranges = quotes.flatMap((q) => quoteRange(posts, q) ?? []);
  CSS.highlights.set(NAME, new Highlight(...ranges));
  return () => CSS.highlights.delete(NAME);
}

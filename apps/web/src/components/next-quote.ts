import type { Quote } from './quote-range.ts';

/** The quote after `last` in the unit's text (the first one after the last), for the key that goes from quote to quote. */
export function nextQuote(quotes: readonly Quote[], last: Quote | null): Quote {
  const inOrder = [...quotes].sort((a, b) => a.start - b.start || a.end - b.end);
  const at = last ? inOrder.findIndex((q) => q.start > last.start || (q.start === last.start && q.end > last.end)) : 0;
  return inOrder[at === -1 ? 0 : at]!;
}

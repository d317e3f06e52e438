// A quote is evidence for a code: its text must be what the unit's text holds at its offsets.
// Offsets count code points (as REFI-QDA does) in the unit's stored plain text: a post unit's
// post text, or a thread unit's post texts in post order joined by a blank line (the layout of
// exports/qdpx-text.ts and the coding screen's selection.ts). Without this check a hand-made
// request could store offsets that slice other text, which the .qdpx export would then code.
import { AppError } from '../http/errors.ts';
import type { Quote } from './codings.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

const POST_SEPARATOR = '\n\n';

const unitPostTexts = statement<[number], string>(
  `SELECT p.text FROM units u JOIN posts p ON p.id = u.post_id OR (u.post_id IS NULL AND p.thread_id = u.thread_id)
   WHERE u.id = ? ORDER BY p.post_number, p.id`,
  (s) => s.pluck(),
);

/** The unit's plain text as quote offsets count in it. */
export function unitQuoteText(db: Db, unitId: number): string {
  return unitPostTexts(db).all(unitId).join(POST_SEPARATOR);
}

const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** Throws 400 naming the first quote whose text is not the unit's text at [start, end). */
export function assertQuotesMatchText(db: Db, unitId: number, quotes: Record<string, Quote>): void {
  const entries = Object.entries(quotes);
  if (entries.length === 0) return;
  const points = Array.from(unitQuoteText(db, unitId));
  for (const [codeId, q] of entries) {
    if (q.end > points.length)
      throw new AppError(
        'coding.quote_out_of_range',
        400,
        `The quote for "${codeId}" ends at ${q.end}, past the unit's text (${points.length} characters).`,
        { field: `quotes.${codeId}.end` },
      );
    const slice = points.slice(q.start, q.end).join('');
    if (slice !== q.text)
      throw new AppError(
        'coding.quote_mismatch',
        400,
        `The quote for "${codeId}" reads ${shown(q.text)}, but the unit's text from ${q.start} to ${q.end} (in characters) reads ${shown(slice)}.`,
        { field: `quotes.${codeId}.text` },
      );
  }
}

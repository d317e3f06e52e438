// A quote is evidence for a code: its text must be what the unit's text holds at its offsets.
// Offsets count code points (as REFI-QDA does) in the unit's plain text at the revision the
// coder's coding is on (the current one before their first save): a post unit's post text, or a
// thread unit's post texts in post order joined by a blank line (the layout of
// exports/qdpx-text.ts and the coding screen's selection.ts). Without this check a hand-made
// request could store offsets that slice other text, which the .qdpx export would then code.
import { AppError } from '../http/errors.ts';
import type { Quote } from './codings.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { currentUnitRevisionSql } from './revisions.ts';
import { type UnitKey, unitContentAt } from './unit-revision.ts';

const POST_SEPARATOR = '\n\n';

const unitKey = statement<[number], UnitKey>('SELECT thread_id AS threadId, post_id AS postId FROM units WHERE id = ?');
const codedRevision = statement<[number, number], number>(
  'SELECT revision FROM codings WHERE unit_id = ? AND coder_id = ?',
  (s) => s.pluck(),
);
const currentRevision = statement<[number], number>(
  `SELECT ${currentUnitRevisionSql} FROM units u WHERE u.id = ?`,
  (s) => s.pluck(),
);

/** The unit's plain text as the coder's quote offsets count in it. */
function unitQuoteText(db: Db, unitId: number, coderId: number): string {
  const revision = codedRevision(db).get(unitId, coderId) ?? currentRevision(db).get(unitId)!;
  const content = unitContentAt(db, unitKey(db).get(unitId)!, revision);
  return content.posts.map((p) => p.text).join(POST_SEPARATOR);
}

const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** Throws 400 naming the first quote whose text is not the unit's text at [start, end). */
export function assertQuotesMatchText(db: Db, unitId: number, coderId: number, quotes: Record<string, Quote>): void {
  const entries = Object.entries(quotes);
  if (entries.length === 0) return;
  const points = Array.from(unitQuoteText(db, unitId, coderId));
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

// The content-token counts of the settled units' texts as coded, for distinctive terms: kept per
// unit (migration 026: unit_terms) at the revision the unit is analysed at, so a request tokenizes
// only units not seen before or whose coded revision changed, instead of reading and tokenizing
// every unit's text.
import { tokenCountsLine } from '../words/tfidf.ts';
import { factsWhere } from './analysis-filters.ts';
import { codedPostQuotedTextSql, codedPostTextSql, codedThreadPostsSql, codedTitleSql } from './coded-text-sql.ts';
import { codedUnitRevisionSql } from './coded-text-sql.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

const keyed = statement<[Record<string, unknown>], [number, number, string | null]>(
  `WITH unit(id, revision) AS MATERIALIZED (
     SELECT f.unit_id, ${codedUnitRevisionSql} FROM analysis_facts f JOIN units u ON u.id = f.unit_id
     WHERE ${factsWhere('f')} AND f.first = 1)
   SELECT unit.id, unit.revision, ut.tokens FROM unit
     LEFT JOIN unit_terms ut ON ut.unit_id = unit.id AND ut.quotes = @withQuotes AND ut.revision = unit.revision
   ORDER BY unit.id`,
  (s) => s.raw(),
);
// A post unit's text, or a thread unit's title and posts, as coded, with that revision; quoted words when asked.
const texts = statement<[{ ids: string; withQuotes: number }], [number, number, string]>(
  `SELECT u.id, ${codedUnitRevisionSql}, CASE WHEN u.post_id IS NOT NULL THEN ${codedPostTextSql} || IIF(@withQuotes, char(10) || ${codedPostQuotedTextSql}, '')
     ELSE ${codedTitleSql} || char(10) || COALESCE((SELECT group_concat(x.text, char(10)) FROM (
       SELECT text || IIF(@withQuotes, char(10) || quoted_text, '') AS text FROM ${codedThreadPostsSql} ORDER BY post_number) x), '') END
   FROM units u WHERE u.id IN (SELECT value FROM json_each(@ids))`,
  (s) => s.raw(),
);
const keep = statement('INSERT OR REPLACE INTO unit_terms (unit_id, quotes, revision, tokens) VALUES (?, ?, ?, ?)');

/**
 * Tokenizes these units' texts at the revision each is analysed at and keeps the counts; returns each unit's
 * token-count line. The caller holds a write transaction, so no edit lands between reading a text and keeping it.
 */
export function keepUnitTermCounts(db: Db, unitIds: readonly number[], quotes: 0 | 1): Map<number, string> {
  const made = new Map<number, string>();
  for (const [id, revision, text] of texts(db).all({ ids: JSON.stringify(unitIds), withQuotes: quotes })) {
    const line = tokenCountsLine(text);
    keep(db).run(id, quotes, revision, line);
    made.set(id, line);
  }
  return made;
}

/**
 * The settled units under the filters (params of filterParams), in unit order, with their content-token counts as
 * token-count lines (words/tfidf.ts tokenCountsLine), the form unit_terms keeps.
 */
export function unitTermCounts(
  db: Db,
  params: Record<string, unknown>,
  withQuotes: boolean,
): { unitId: number; kept: string }[] {
  const quotes = withQuotes ? 1 : 0;
  const rows = keyed(db).all({ ...params, withQuotes: quotes });
  const missing = rows.filter(([, , kept]) => kept === null).map(([id]) => id);
  const made = missing.length
    ? writeTransaction(db, () => keepUnitTermCounts(db, missing, quotes))
    : new Map<number, string>();
  return rows.map(([unitId, , kept]) => ({ unitId, kept: kept ?? made.get(unitId)! }));
}

// Which posts each keyword group mentions, matched once and kept (migration 026): a group's
// matching definition (everything but its id and name: its terms and its matching rules) is
// matched against every stemmed post when first seen; afterwards only posts stemmed anew
// (db/post-stems.ts) are matched again. A changed definition (new terms or rules) is a new one,
// so an edited group never reads stale matches; definitions no group has any more are dropped.
import { groupNeedles, mentionJoinSql, zonesOf } from '../words/mention-matcher.ts';
import { type KeywordGroup, listKeywordGroups } from './analysis-keyword-groups.ts';
import { monthSql } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

/** The part of a group that decides what it matches, as a key: all but its id and name. */
function mentionDefinition(group: KeywordGroup): string {
  const { id: _id, name: _name, ...definition } = group;
  return JSON.stringify(definition);
}

/**
 * A definition's needles as [column, text, own]: own = 1 for the zones its rules read (own words,
 * and quoted words or link previews when its rules say so), 0 for quoted words it reads only when
 * a request counts quoted words too.
 */
function needlesOf(definition: string): string {
  const { terms, rules } = JSON.parse(definition) as Pick<KeywordGroup, 'terms' | 'rules'>;
  const own = groupNeedles(terms, rules).map((n) => [n.column, n.text, 1]);
  const quotedToo = zonesOf(rules).includes('quoted')
    ? []
    : groupNeedles(terms, rules, true)
        .filter((n) => !own.some(([column, text]) => column === n.column && text === n.text))
        .map((n) => [n.column, n.text, 0]);
  return JSON.stringify([...own, ...quotedToo]);
}

// own = the zones the group's rules read match; a row exists when those or the post's quoted words match.
const matched = `WITH ph(col, text, own) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@needles))
  INSERT INTO mention_matches (definition_id, post_id, source_id, thread_id, created_at, month, own)
  SELECT @definitionId, p.id, p.source_id, p.thread_id, p.created_at, ${monthSql('p.created_at')}, max(ph.own)
  FROM post_stems s JOIN ph ON ${mentionJoinSql('s', 'ph')} JOIN posts p ON p.id = s.post_id`;
const matchEvery = statement<[{ definitionId: number; needles: string }]>(`${matched} GROUP BY s.post_id`);
const matchSome = statement<[{ definitionId: number; needles: string; ids: string }]>(
  `${matched} WHERE s.post_id IN (SELECT value FROM json_each(@ids)) GROUP BY s.post_id`,
);
const unmatch = statement<[string]>('DELETE FROM mention_matches WHERE post_id IN (SELECT value FROM json_each(?))');
const definitions = statement<[], { id: number; definition: string }>('SELECT id, definition FROM mention_definitions');
const addDefinition = statement<[string]>('INSERT INTO mention_definitions (definition) VALUES (?)');
const dropCounts = statement<[number]>('DELETE FROM mention_month_counts WHERE definition_id = ?');
const dropDefinition = statement<[number]>('DELETE FROM mention_definitions WHERE id = ?');
const studiesWithGroups = statement<[], number>('SELECT DISTINCT study_id FROM keyword_groups', (s) => s.pluck());

/** Matches these (just stemmed) posts again against every kept definition. */
export function rematchPosts(db: Db, postIds: readonly number[]): void {
  const ids = JSON.stringify(postIds);
  unmatch(db).run(ids);
  for (const d of definitions(db).all())
    matchSome(db).run({ definitionId: d.id, needles: needlesOf(d.definition), ids });
}

/**
 * The definition id of each group (by group id), matching a definition seen for the first time
 * against every stemmed post, and dropping definitions that no group of any study has.
 */
export function groupDefinitions(db: Db, groups: readonly KeywordGroup[]): Map<number, number> {
  return writeTransaction(db, () => {
    const kept = new Map(
      definitions(db)
        .all()
        .map((d) => [d.definition, d.id]),
    );
    const inUse = new Set(
      studiesWithGroups(db)
        .all()
        .flatMap((studyId) => listKeywordGroups(db, studyId).map(mentionDefinition)),
    );
    for (const [definition, id] of kept) {
      if (inUse.has(definition)) continue;
      dropCounts(db).run(id);
      dropDefinition(db).run(id);
    }
    const ids = new Map<number, number>();
    for (const group of groups) {
      const definition = mentionDefinition(group);
      let id = kept.get(definition);
      if (id === undefined) {
        id = Number(addDefinition(db).run(definition).lastInsertRowid);
        matchEvery(db).run({ definitionId: id, needles: needlesOf(definition) });
        kept.set(definition, id);
      }
      ids.set(group.id, id);
    }
    return ids;
  });
}

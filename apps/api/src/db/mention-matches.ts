// Which posts each keyword group mentions, matched once and kept (migration 026): a group's
// matching definition (everything but its id and name: its terms, and any matching rules a group
// gains) is matched against every stemmed post when first seen; afterwards only posts stemmed
// anew (db/post-stems.ts) are matched again. A changed definition is a new one, so an edited
// group never reads stale matches; definitions no group has any more are dropped.
import { groupPhrases } from '../words/keywords.ts';
import { type KeywordGroup, listKeywordGroups } from './analysis-keyword-groups.ts';
import { monthSql } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

/** The part of a group that decides what it matches, as a key: all but its id and name. */
export function mentionDefinition(group: KeywordGroup): string {
  const { id: _id, name: _name, ...definition } = group;
  return JSON.stringify(definition);
}

const phrasesOf = (definition: string) => groupPhrases((JSON.parse(definition) as KeywordGroup).terms);

// own = the post's own words match; a row exists when its own or its quoted words match.
const matched = `SELECT @definitionId, p.id, p.source_id, p.thread_id, p.created_at, ${monthSql('p.created_at')},
    max(instr(s.stems, ph.value) > 0)
  FROM post_stems s JOIN json_each(@phrases) ph ON instr(s.stems, ph.value) > 0 OR instr(s.quoted_stems, ph.value) > 0
    JOIN posts p ON p.id = s.post_id`;
const insert = 'INSERT INTO mention_matches (definition_id, post_id, source_id, thread_id, created_at, month, own)';
const matchEvery = statement<[{ definitionId: number; phrases: string }]>(`${insert} ${matched} GROUP BY s.post_id`);
const matchSome = statement<[{ definitionId: number; phrases: string; ids: string }]>(
  `${insert} ${matched} WHERE s.post_id IN (SELECT value FROM json_each(@ids)) GROUP BY s.post_id`,
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
    matchSome(db).run({ definitionId: d.id, phrases: JSON.stringify(phrasesOf(d.definition)), ids });
}

/**
 * The definition id of each group (by group id), matching a definition seen for the first time
 * against every stemmed post, and dropping definitions that no group of any study has.
 */
export function groupDefinitions(db: Db, groups: readonly KeywordGroup[]): Map<number, number> {
  return db
    .transaction(() => {
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
          matchEvery(db).run({ definitionId: id, phrases: JSON.stringify(phrasesOf(definition)) });
          kept.set(definition, id);
        }
        ids.set(group.id, id);
      }
      return ids;
    })
    .immediate();
}

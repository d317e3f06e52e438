// Many keyword groups at once, in one transaction: a group whose name exists (any case) gets the
// list's terms, a new name is added; the rest of the study's groups stay as they are.
import type { KeywordListGroup } from '../words/keyword-list.ts';
import { createKeywordGroup, listKeywordGroups, updateKeywordGroup } from './analysis-keyword-groups.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

export function importKeywordGroups(db: Db, studyId: number, userId: number, groups: KeywordListGroup[]) {
  return writeTransaction(db, () => {
    const existing = new Map(listKeywordGroups(db, studyId).map((g) => [g.name.toLowerCase(), g.id]));
    let created = 0;
    let updated = 0;
    for (const g of groups) {
      const id = existing.get(g.name.toLowerCase());
      if (id === undefined) {
        createKeywordGroup(db, studyId, userId, g);
        created++;
      } else {
        updateKeywordGroup(db, studyId, id, userId, g);
        updated++;
      }
    }
    return { created, updated, groups: listKeywordGroups(db, studyId) };
  });
}

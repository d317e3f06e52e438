// Keyword groups an owner defines for mention trends, each with its matching rules
// (words/match-rules.ts; words/mention-matcher.ts says how terms match).
import { distinctTerms } from '../words/keyword-list.ts';
import { DEFAULT_RULES, type MatchRules } from '../words/match-rules.ts';
import { AppError, notFound } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

export interface KeywordGroup {
  id: number;
  name: string;
  terms: string[];
  rules: MatchRules;
}

export interface KeywordGroupInput {
  name: string;
  terms: string[];
  /** Absent: the default rules (stemmed, any case, own words only). */
  rules?: MatchRules | undefined;
}

const list = statement<[number], { id: number; name: string; terms_json: string; rules_json: string }>(
  'SELECT id, name, terms_json, rules_json FROM keyword_groups WHERE study_id = ? ORDER BY position, id',
);

export function listKeywordGroups(db: Db, studyId: number): KeywordGroup[] {
  return list(db)
    .all(studyId)
    .map((g) => ({
      id: g.id,
      name: g.name,
      terms: JSON.parse(g.terms_json) as string[],
      rules: JSON.parse(g.rules_json) as MatchRules,
    }));
}

function getGroup(db: Db, studyId: number, groupId: number): KeywordGroup {
  const group = listKeywordGroups(db, studyId).find((g) => g.id === groupId);
  if (!group) throw notFound('The keyword group');
  return group;
}

function duplicateName<T>(write: () => T, name: string): T {
  try {
    return write();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('analysis.duplicate_group', 409, `There is already a keyword group named "${name}".`, {
        field: 'name',
      });
    }
    throw e;
  }
}

/** The group as saved: its rules, and its terms without repeats under them (any case is a repeat unless case-sensitive). */
function withRules(given: KeywordGroupInput, rules: MatchRules): Omit<KeywordGroup, 'id'> {
  return { name: given.name, terms: distinctTerms(given.terms, rules.caseSensitive, 'last'), rules };
}

export function createKeywordGroup(db: Db, studyId: number, userId: number, given: KeywordGroupInput): KeywordGroup {
  const input = withRules(given, given.rules ?? DEFAULT_RULES);
  return writeTransaction(db, () => {
    const now = new Date().toISOString();
    const id = duplicateName(
      () =>
        Number(
          db
            .prepare(
              `INSERT INTO keyword_groups (study_id, name, terms_json, rules_json, position, created_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM keyword_groups WHERE study_id = ?), ?, ?, ?)`,
            )
            .run(
              studyId,
              input.name,
              JSON.stringify(input.terms),
              JSON.stringify(input.rules),
              studyId,
              userId,
              now,
              now,
            ).lastInsertRowid,
        ),
      input.name,
    );
    audit(
      db,
      { userId, studyId, action: 'keyword_group.create', entity: 'keyword_group', entityId: id, after: input },
      now,
    );
    return { id, ...input };
  });
}

export function updateKeywordGroup(
  db: Db,
  studyId: number,
  groupId: number,
  userId: number,
  given: KeywordGroupInput,
): KeywordGroup {
  return writeTransaction(db, () => {
    const before = getGroup(db, studyId, groupId);
    const input = withRules(given, given.rules ?? before.rules);
    const now = new Date().toISOString();
    duplicateName(
      () =>
        db
          .prepare('UPDATE keyword_groups SET name = ?, terms_json = ?, rules_json = ?, updated_at = ? WHERE id = ?')
          .run(input.name, JSON.stringify(input.terms), JSON.stringify(input.rules), now, groupId),
      input.name,
    );
    audit(
      db,
      {
        userId,
        studyId,
        action: 'keyword_group.update',
        entity: 'keyword_group',
        entityId: groupId,
        before,
        after: input,
      },
      now,
    );
    return { id: groupId, ...input };
  });
}

export function deleteKeywordGroup(db: Db, studyId: number, groupId: number, userId: number): void {
  writeTransaction(db, () => {
    const before = getGroup(db, studyId, groupId);
    db.prepare('DELETE FROM keyword_groups WHERE id = ?').run(groupId);
    audit(db, { userId, studyId, action: 'keyword_group.delete', entity: 'keyword_group', entityId: groupId, before });
  });
}

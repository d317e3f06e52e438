// What the analysis page offers to filter and pick from: the study's rounds, the forum
// categories and tags of its threads, the date span of its units, the codebook tree and the
// keyword groups.
import { codeNodes, type CodeNode } from '../label-counts/code-tree.ts';
import { describeRules } from '../words/match-rules.ts';
import { listKeywordGroups, type KeywordGroup } from './analysis-keyword-groups.ts';
import type { Db } from './open.ts';
import { studyCodingSettings } from './pinned-codebook.ts';
import { statement } from './prepared.ts';

// The study's threads: those selected into it, and those its units come from.
const studyThreads = `(SELECT thread_id FROM study_threads WHERE study_id = @studyId UNION SELECT thread_id FROM units WHERE study_id = @studyId)`;

const rounds = statement<[Record<string, unknown>], { id: number; name: string; status: string }>(
  'SELECT id, name, status FROM rounds WHERE study_id = @studyId ORDER BY position',
);
const categories = statement<[Record<string, unknown>], string>(
  `SELECT DISTINCT category FROM threads WHERE id IN ${studyThreads} AND category IS NOT NULL ORDER BY category`,
  (s) => s.pluck(),
);
// Tags by how many of the study's threads carry them (the most common 300: a filter list, not an index).
const tags = statement<[Record<string, unknown>], { tag: string; threads: number }>(
  `SELECT tag, count(*) AS threads FROM thread_tags WHERE thread_id IN ${studyThreads} GROUP BY tag ORDER BY threads DESC, tag LIMIT 300`,
);
const span = statement<[Record<string, unknown>], { first: string | null; last: string | null }>(
  `SELECT min(substr(COALESCE(p.created_at, t.created_at), 1, 10)) AS first, max(substr(COALESCE(p.created_at, t.created_at), 1, 10)) AS last
   FROM units u JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id WHERE u.study_id = @studyId`,
);
const study = statement<
  [Record<string, unknown>],
  { unitKind: 'post' | 'thread'; labelMode: 'single' | 'multi'; blind: number }
>('SELECT unit_kind AS unitKind, label_mode AS labelMode, blind FROM studies WHERE id = @studyId');

export interface AnalysisOptions {
  unitKind: 'post' | 'thread';
  labelMode: 'single' | 'multi';
  blind: boolean;
  rounds: { id: number; name: string; status: string }[];
  categories: string[];
  tags: { tag: string; threads: number }[];
  span: { first: string | null; last: string | null };
  codes: CodeNode[];
  /** Each with its rules in words (`matching`). */
  keywordGroups: (KeywordGroup & { matching: string })[];
}

export function analysisOptions(db: Db, studyId: number): AnalysisOptions {
  const p = { studyId };
  const { codebook } = studyCodingSettings(db, studyId);
  const s = study(db).get(p)!;
  return {
    unitKind: s.unitKind,
    labelMode: s.labelMode,
    blind: s.blind === 1,
    rounds: rounds(db).all(p),
    categories: categories(db).all(p),
    tags: tags(db).all(p),
    span: span(db).get(p)!,
    codes: codeNodes(codebook.codes),
    keywordGroups: listKeywordGroups(db, studyId).map((g) => ({ ...g, matching: describeRules(g.rules) })),
  };
}

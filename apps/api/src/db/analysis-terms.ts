// Distinctive terms per code (words/tfidf.ts) over the texts of the settled units under the
// filters, as coded (db/coded-text-sql.ts): a post unit's text, or a thread unit's title and posts. Every unit is one document;
// a code's documents are its units (rolled up: a unit with a code below counts for the code).
// An answer computed from the same inputs is reused (words/remembered-answers.ts); while nothing at all was committed
// since the same request (db/database-state.ts), not even the inputs are read again.
import type { Code } from '@threadcoder/taxonomy';
import { codeNodes } from '../label-counts/code-tree.ts';
import { inputsKey, RememberedAnswers } from '../words/remembered-answers.ts';
import { corpusOfLines, distinctiveTerms, type TermScore } from '../words/tfidf.ts';
import { ensureFacts } from './analysis-facts.ts';
import { type DatabaseState, databaseState, sameState } from './database-state.ts';
import { factsWhere, filterParams, type AnalysisFilters } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { perDb, statement } from './prepared.ts';
import { unitTermCounts } from './unit-terms.ts';

const unitCodes = statement<[Record<string, unknown>], [number, string]>(
  `SELECT f.unit_id, f.code_id FROM analysis_facts f WHERE ${factsWhere('f')} AND f.code_id <> ''`,
  (s) => s.raw(),
);

export interface CodeTerms {
  codeId: string;
  name: string;
  units: number;
  terms: TermScore[];
}

export interface TermsQuery extends AnalysisFilters {
  /** One code, or every code with units when left out. */
  code?: string | undefined;
  top?: number | undefined;
}

export interface TermsReport {
  documents: number;
  codes: CodeTerms[];
}

// A few answers per worker: the Analysis tab asks again with the same filters whenever it is opened.
const answers = new RememberedAnswers<TermsReport>(32);
// The answer to each recent request with the database state it was computed in: while nothing has been committed
// since, it is the answer, without reading the inputs again. Kept per connection: a state is a connection's own
// counts, so two databases open in one thread (tests, the CLI, benches) can stand at the same counts.
const lastAnswers = perDb(() => new RememberedAnswers<{ state: DatabaseState; answer: TermsReport }>(32));

export function distinctiveTermsReport(db: Db, studyId: number, q: TermsQuery): TermsReport {
  const request = JSON.stringify([studyId, q]);
  const before = databaseState(db);
  const last = lastAnswers(db).find(request);
  if (last && sameState(last.state, before)) return last.answer;
  const { codebook } = ensureFacts(db, studyId);
  const params = filterParams(studyId, q);
  const units = unitTermCounts(db, params, q.withQuotes ?? false);
  const labels = unitCodes(db).all(params);
  // Everything the answer is computed from, read fresh: only the computing is saved.
  const key = inputsKey([
    JSON.stringify([q.code ?? null, q.top ?? 15, codebook.codes, labels]),
    ...units.map((u) => `${u.unitId} ${u.kept}`),
  ]);
  const answer = answers.get(key, () => report(codebook.codes, units, labels, q));
  // This connection's own writes above (facts, token counts) are in the answer; another's commit meanwhile may not be.
  const after = databaseState(db);
  if (after.others === before.others) lastAnswers(db).keep(request, { state: after, answer });
  return answer;
}

function report(
  codes: Code[],
  units: { unitId: number; kept: string }[],
  labels: [number, string][],
  q: TermsQuery,
): TermsReport {
  const position = new Map(units.map((u, i) => [u.unitId, i]));
  const members = new Map<string, number[]>();
  for (const [unitId, codeId] of labels) {
    if (q.code && codeId !== q.code) continue;
    const i = position.get(unitId);
    if (i === undefined) continue;
    const list = members.get(codeId) ?? [];
    list.push(i);
    members.set(codeId, list);
  }
  const corpus = corpusOfLines(units.map((u) => u.kept));
  return {
    documents: units.length,
    codes: codeNodes(codes, members.keys())
      .filter((n) => members.has(n.id))
      .map((n) => ({
        codeId: n.id,
        name: n.name,
        units: members.get(n.id)!.length,
        terms: distinctiveTerms(corpus, members.get(n.id)!, { top: q.top ?? 15 }),
      })),
  };
}

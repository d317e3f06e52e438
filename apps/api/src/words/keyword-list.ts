// Keyword groups in bulk, e.g. 150 model families at once, from either
//   a CSV with a header naming `group` and, optionally, `name` and `patterns` (or `terms`,
//   `aliases`): one row per model of a family; the family's terms are every row's name and its
//   patterns (split on | or ;), so "GPT-2, gpt2-medium, gpt2 medium|gpt-2 medium" adds three;
//   optional rule columns `match` (stemmed, word, prefix, substring), `case` (sensitive or any),
//   `quotes` and `previews` (yes or no): a group's rows may leave them empty but must not differ; or
//   a text list, one group a line: "GPT-2: gpt2, gpt-2" ("#" starts a comment), rules in brackets
//   after the name: "BERT [word, case-sensitive, quotes, previews]: BERT, bert-base".
// Unnamed rules are the defaults (match-rules.ts). Bad input throws
// AppError('analysis.bad_keyword_list') with the line.
import { parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';
import { termPhrases } from './keywords.ts';
import { bracketRules, type PartialRules, RULE_COLUMNS, type RuleKey, ruleCell } from './keyword-list-rules.ts';
import { MATCH_MODES, type MatchRules, matchRulesSchema } from './match-rules.ts';

export interface KeywordListGroup {
  name: string;
  terms: string[];
  rules: MatchRules;
}

const MAX_TERMS = 30;
const MAX_LENGTH = 60;

/** Terms without repeats: any case counts as a repeat unless the group is case-sensitive. */
export function distinctTerms(terms: readonly string[], caseSensitive: boolean, spelling: 'first' | 'last'): string[] {
  const key = (t: string) => (caseSensitive ? t : t.toLowerCase());
  const kept = new Map<string, string>();
  for (const t of terms) if (spelling === 'last' || !kept.has(key(t))) kept.set(key(t), t);
  return [...kept.values()];
}

export function parseKeywordList(text: string, file: string): KeywordListGroup[] {
  const bad = (message: string, line?: number, field?: string) =>
    new AppError('analysis.bad_keyword_list', 400, message, { file, line, field });
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const isCsv = /(^|,)\s*"?group"?\s*(,|$)/i.test(firstLine);
  const rows: { line: number; group: string; terms: string[]; rules: PartialRules }[] = [];
  if (isCsv) {
    let records: string[][];
    try {
      records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
    } catch (err) {
      throw bad(`${file} is not a readable CSV: ${(err as Error).message}`);
    }
    const header = records[0]!.map((h) => h.toLowerCase());
    const at = (...names: string[]) => header.findIndex((h) => names.includes(h));
    const [g, n, p] = [at('group'), at('name'), at('patterns', 'terms', 'aliases')];
    const ruleColumns = (Object.entries(RULE_COLUMNS) as [RuleKey, string][]).map(
      ([key, column]) => [key, column, at(column)] as const,
    );
    records.slice(1).forEach((r, i) => {
      const patterns = (r[p] ?? '').split(/[|;]/);
      const rules: PartialRules = {};
      for (const [key, column, index] of ruleColumns) {
        const value = index < 0 ? undefined : ruleCell(key, r[index] ?? '');
        if (value instanceof Error)
          throw bad(`"${r[index]}" is not a ${column} rule: write ${value.message}.`, i + 2, column);
        if (value !== undefined) rules[key] = value;
      }
      rows.push({ line: i + 2, group: r[g] ?? '', terms: [r[n] ?? '', ...(p < 0 ? [] : patterns)], rules });
    });
  } else {
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const colon = line.indexOf(':');
      if (colon < 0) throw bad(`Write a group as "name: term, term", not "${line}".`, i + 1);
      const head = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(line.slice(0, colon));
      const rules = head ? bracketRules(head[2]!) : {};
      if (typeof rules === 'string')
        throw bad(
          `"${rules}" is not a rule: write ${MATCH_MODES.join(', ')}, case-sensitive, any-case, quotes or previews.`,
          i + 1,
          'rules',
        );
      rows.push({
        line: i + 1,
        group: head ? head[1]! : line.slice(0, colon),
        terms: line.slice(colon + 1).split(','),
        rules,
      });
    });
  }
  const groups = new Map<string, { name: string; terms: string[]; rules: PartialRules; line: number }>();
  for (const r of rows) {
    const name = r.group.trim();
    if (!name) throw bad('The group name is empty.', r.line, 'group');
    if (name.length > MAX_LENGTH) throw bad(`The group name is longer than ${MAX_LENGTH} characters.`, r.line, 'group');
    const key = name.toLowerCase();
    const group = groups.get(key) ?? { name, terms: [], rules: {}, line: r.line };
    groups.set(key, group);
    for (const [rule, value] of Object.entries(r.rules) as [RuleKey, string | boolean][]) {
      const field = isCsv ? RULE_COLUMNS[rule] : 'rules';
      if (group.rules[rule] !== undefined && group.rules[rule] !== value)
        throw bad(
          `"${name}" has ${field} "${group.rules[rule]}" on an earlier line and "${value}" here.`,
          r.line,
          field,
        );
      group.rules[rule] = value;
    }
    for (const t of r.terms.map((x) => x.trim()).filter(Boolean)) {
      if (t.length > MAX_LENGTH || termPhrases(t).length === 0)
        throw bad(`"${t}" is not a term (1 to ${MAX_LENGTH} characters, with a letter or digit).`, r.line, 'patterns');
      group.terms.push(t);
    }
  }
  if (groups.size === 0) throw bad(`${file} lists no keyword groups.`);
  return [...groups.values()].map((g) => {
    const rules = matchRulesSchema.safeParse(g.rules);
    if (!rules.success) throw bad(`"${g.name}": ${rules.error.issues[0]!.message}`, g.line, 'rules');
    const terms = distinctTerms(g.terms, rules.data.caseSensitive, 'first');
    if (terms.length === 0) throw bad(`"${g.name}" has no terms.`, g.line, 'patterns');
    if (terms.length > MAX_TERMS) throw bad(`"${g.name}" has more than ${MAX_TERMS} terms.`, g.line, 'patterns');
    return { name: g.name, terms, rules: rules.data };
  });
}

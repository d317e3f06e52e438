// Matching rules as bulk keyword lists write them (keyword-list.ts): CSV rule columns, and the
// bracketed words of a text-list line. Each gives part of a group's rules; what no line says
// is left to the defaults (match-rules.ts).
import { MATCH_MODES, type MatchRules } from './match-rules.ts';

export type RuleKey = keyof MatchRules;
export type PartialRules = Partial<Record<RuleKey, string | boolean>>;

/** The CSV column of each rule. */
export const RULE_COLUMNS: Record<RuleKey, string> = {
  mode: 'match',
  caseSensitive: 'case',
  quotes: 'quotes',
  previews: 'previews',
};

const YES = ['yes', 'y', 'true', '1', 'sensitive', 'case-sensitive'];
const NO = ['no', 'n', 'false', '0', 'any', 'insensitive', 'any-case'];
const isMode = (v: string) => (MATCH_MODES as readonly string[]).includes(v);

/** A CSV rule cell: a match mode, or yes/no for the flags; empty leaves the rule unsaid; an Error says what to write. */
export function ruleCell(key: RuleKey, cell: string): string | boolean | undefined | Error {
  const v = cell.trim().toLowerCase();
  if (!v) return undefined;
  if (key === 'mode') return isMode(v) ? v : new Error(MATCH_MODES.join(', '));
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return new Error(key === 'caseSensitive' ? 'sensitive or any' : 'yes or no');
}

/** The bracketed rules of a text-list line ("word, case-sensitive, quotes"), or the first word that is no rule. */
export function bracketRules(words: string): PartialRules | string {
  const rules: PartialRules = {};
  for (const w of words
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)) {
    if (isMode(w)) rules.mode = w;
    else if (w === 'case-sensitive') rules.caseSensitive = true;
    else if (w === 'any-case') rules.caseSensitive = false;
    else if (w === 'quotes') rules.quotes = true;
    else if (w === 'previews') rules.previews = true;
    else return w;
  }
  return rules;
}

// A keyword group's terms and rules (match-rules.ts) as needles: each a string to find with
// instr() in one line of a post's post_stems row. Every zone of a post (own words, quoted words,
// link previews) has three space-wrapped token lines: stems, words (lower-cased) and cased (as
// written). A rule picks the line and how much of the spaces around a term must match:
//   stemmed " fine tune " in stems (and the joined " finetun "), word " gpt 2 ", prefix " gpt 2",
//   substring "gpt 2" (words, or cased when case-sensitive).
// SQL counts with mentionJoinSql; matchesPost is the same test in JavaScript.
import { termPhrases } from './keywords.ts';
import type { MatchRules } from './match-rules.ts';
import { stem, tokenize, tokenizeCased, tokenLine } from './text.ts';

const ZONES = ['own', 'quoted', 'preview'] as const;
export type Zone = (typeof ZONES)[number];
type LineKind = 'stems' | 'words' | 'cased';

/** post_stems columns per zone and line. */
const COLUMNS: Record<Zone, Record<LineKind, string>> = {
  own: { stems: 'stems', words: 'words', cased: 'cased' },
  quoted: { stems: 'quoted_stems', words: 'quoted_words', cased: 'quoted_cased' },
  preview: { stems: 'preview_stems', words: 'preview_words', cased: 'preview_cased' },
};
export type MentionColumn = string;

export interface Needle {
  column: MentionColumn;
  text: string;
}

function lineOf(rules: MatchRules): LineKind {
  if (rules.mode === 'stemmed') return 'stems';
  return rules.caseSensitive ? 'cased' : 'words';
}

/** What to look for in the line of a term's rule. */
export function termNeedles(term: string, rules: MatchRules): string[] {
  if (rules.mode === 'stemmed') return termPhrases(term);
  const tokens = (rules.caseSensitive ? tokenizeCased(term) : tokenize(term)).join(' ');
  if (!tokens) return [];
  if (rules.mode === 'word') return [` ${tokens} `];
  if (rules.mode === 'prefix') return [` ${tokens}`];
  return [tokens];
}

/** The zones a group reads: its own words, and quoted text and link previews when its rules (or the caller) say so. */
export function zonesOf(rules: MatchRules, withQuotes = false): Zone[] {
  return ZONES.filter((z) => z === 'own' || (z === 'quoted' ? rules.quotes || withQuotes : rules.previews));
}

/** Every needle of a group: its terms' needles in each zone it reads. */
export function groupNeedles(terms: readonly string[], rules: MatchRules, withQuotes = false): Needle[] {
  const texts = [...new Set(terms.flatMap((t) => termNeedles(t, rules)))];
  const line = lineOf(rules);
  return zonesOf(rules, withQuotes).flatMap((z) => texts.map((text) => ({ column: COLUMNS[z][line], text })));
}

/** A post's post_stems lines, by column. */
export function postLines(own: string, quoted: string, preview: string): Record<MentionColumn, string> {
  const lines: Record<MentionColumn, string> = {};
  for (const [zone, text] of [
    ['own', own],
    ['quoted', quoted],
    ['preview', preview],
  ] as const) {
    // one tokenization per zone: lower-casing the tokens gives tokenize()'s (ASCII and Cyrillic only)
    const cased = tokenizeCased(text);
    const lower = cased.map((t) => t.toLowerCase());
    lines[COLUMNS[zone].stems] = tokenLine(lower.map(stem));
    lines[COLUMNS[zone].words] = tokenLine(lower);
    lines[COLUMNS[zone].cased] = tokenLine(cased);
  }
  return lines;
}

/** The post_stems columns in a fixed order (for writing rows). */
export const LINE_COLUMNS: readonly MentionColumn[] = ZONES.flatMap((z) => Object.values(COLUMNS[z]));

export function matchesPost(lines: Record<MentionColumn, string>, needles: readonly Needle[]): boolean {
  return needles.some((n) => lines[n.column]!.includes(n.text));
}

/**
 * SQL true when the post_stems row `s` holds the needle row `ph` (columns `col`, `text`); the
 * column name comes from the needle, so one statement serves every rule.
 */
export const mentionJoinSql = (s: string, ph: string) =>
  `instr(CASE ${ph}.col ${LINE_COLUMNS.map((c) => `WHEN '${c}' THEN ${s}.${c}`).join(' ')} END, ${ph}.text) > 0`;

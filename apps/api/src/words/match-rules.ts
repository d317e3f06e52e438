// How a keyword group's terms (its aliases) match a post, chosen per group:
//   mode        stemmed    whole words after stemming: "fine-tune" finds "fine-tuning" (the default)
//               word       whole words as written: "bert" finds "bert-base", not "berts" or "roberta"
//               prefix     words that begin with the term: "bert" finds "bertweet", not "roberta"
//               substring  anywhere in a word: "bert" finds "roberta" and "distilbert"
//   caseSensitive  "BERT" finds "BERT-base", not "bert-base" (not with stemmed, whose stems are lower-case)
//   quotes, previews  whether words a post quotes and its link previews (oneboxes) count; own words always do.
import { z } from 'zod';

export const MATCH_MODES = ['stemmed', 'word', 'prefix', 'substring'] as const;
type MatchMode = (typeof MATCH_MODES)[number];

export const matchRulesSchema = z
  .object({
    mode: z.enum(MATCH_MODES).default('stemmed'),
    caseSensitive: z.boolean().default(false),
    quotes: z.boolean().default(false),
    previews: z.boolean().default(false),
  })
  .refine((r) => !(r.mode === 'stemmed' && r.caseSensitive), {
    message: 'Stemmed matching ignores case; choose whole words, word beginnings or anywhere to match case.',
    path: ['caseSensitive'],
  });
export type MatchRules = z.infer<typeof matchRulesSchema>;

export const DEFAULT_RULES: MatchRules = { mode: 'stemmed', caseSensitive: false, quotes: false, previews: false };

const MODE_TEXT: Record<MatchMode, string> = {
  stemmed: 'whole words, stemmed',
  word: 'whole words as written',
  prefix: 'word beginnings',
  substring: 'anywhere in words',
};

/** The rules in words, as charts, CSVs and the CLI show them: "whole words, stemmed; any case; own words only". */
export function describeRules(r: MatchRules): string {
  const zones = [r.quotes ? 'quoted text' : '', r.previews ? 'link previews' : ''].filter(Boolean);
  return [
    MODE_TEXT[r.mode],
    r.caseSensitive ? 'case-sensitive' : 'any case',
    zones.length ? `own words and ${zones.join(' and ')}` : 'own words only',
  ].join('; ');
}

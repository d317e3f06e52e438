// Keyword groups (e.g. GPT-2 = "gpt2", "gpt-2") under the default rule (match-rules.ts: stemmed)
// match posts on stems, not on raw text.
// A term is tokenized and stemmed like the posts (text.ts), so "fine-tune" matches
// "fine-tuned", "fine-tuning" and "fine tuning". A term of several tokens matches them as
// a contiguous phrase, and also as one joined token: "gpt-2" → phrases " gpt 2 " and
// " gpt2 ", so it matches "GPT-2", "gpt 2" and "GPT2"; "fine-tuning" also matches
// "finetuned" (both stem to "finetun"). Matching is on whole tokens: "bert" does not match
// "roberta" or "distilbert" — list those in the group.
import { stem, tokenize } from './text.ts';

/** The stem phrases (space-wrapped) a term matches; empty when the term has no word characters. */
export function termPhrases(term: string): string[] {
  const tokens = tokenize(term);
  if (tokens.length === 0) return [];
  const phrases = [` ${tokens.map(stem).join(' ')} `];
  if (tokens.length > 1) phrases.push(` ${stem(tokens.join(''))} `);
  return [...new Set(phrases)];
}

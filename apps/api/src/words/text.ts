// Words of forum text, the way mention trends and distinctive terms see them: natural's
// WordTokenizer (which splits on anything but [A-Za-z0-9_], so "gpt-2" is "gpt" "2" and
// "don't" is "don" "t") after lower-casing and folding accents ("café" → "cafe", which the
// tokenizer would otherwise cut at the "é"), and natural's PorterStemmer. Imported module by
// module, never `from 'natural'`: see natural.d.ts.
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import tokenizers from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import stopwordList from 'natural/lib/natural/util/stopwords.js';

const tokenizer = new tokenizers.WordTokenizer();

// Stemming is the costly step and a forum's vocabulary repeats, so stems are remembered
// (bounded, so a corpus of junk tokens cannot grow it forever).
const stems = new Map<string, string>();
const MAX_REMEMBERED = 200_000;

export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= MAX_REMEMBERED) stems.clear();
    s = porterStemmer.stem(word);
    stems.set(word, s);
  }
  return s;
}

const foldAccents = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '');

/** Lower-cased, accent-folded tokens in text order. */
export function tokenize(text: string): string[] {
  return tokenizer.tokenize(foldAccents(text).toLowerCase()) ?? [];
}

/** Accent-folded tokens as written (case kept), for case-sensitive keyword rules. */
export function tokenizeCased(text: string): string[] {
  return tokenizer.tokenize(foldAccents(text)) ?? [];
}

/** Tokens joined by single spaces and wrapped in them (" gpt 2 "), so a phrase is a substring match. */
export function tokenLine(tokens: readonly string[]): string {
  return tokens.length ? ` ${tokens.join(' ')} ` : ' ';
}

const stopwords = new Set<string>(stopwordList.words);
// Contractions come out of the tokenizer in pieces ("don't" → "don" "t").
for (const w of [
  'don',
  'doesn',
  'didn',
  'isn',
  'aren',
  'wasn',
  'weren',
  'can',
  'couldn',
  'won',
  'wouldn',
  'shouldn',
  've',
  'll',
  're',
  'im',
])
  stopwords.add(w);

/** Whether a token carries content for term statistics: not a stop word, not a bare number, at least two characters. */
export function isContentToken(token: string): boolean {
  return token.length >= 2 && !stopwords.has(token) && !/^\d+$/.test(token);
}

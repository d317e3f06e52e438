// Distinctive terms of a code: TF-IDF of the texts of units with the code, against the rest.
// Each unit's text is one document (N of them). For a term t (a stem):
//   df(t)      = documents containing t;      idf(t) = ln(N / df(t))
//   tf_in(t)   = occurrences of t in the code's documents / all tokens in them
//   tf_rest(t) = the same over the other documents (0 when they have no tokens)
//   score(t)   = tf_in(t) × idf(t), listed only when tf_in(t) > tf_rest(t) (the term is
//                over-represented in the code) and t occurs at least `minCount` times there.
// A term in every document has idf 0 and is never listed. Tokens are content tokens
// (text.ts: stop words, numbers and one-letter tokens removed), stemmed; each term is shown
// by its most frequent surface form in the corpus (ties: the shorter, then alphabetical).
import { isContentToken, stem, tokenize } from './text.ts';

export interface PreparedCorpus {
  docs: { counts: Map<string, number>; tokens: number }[];
  df: Map<string, number>;
  surface: Map<string, string>;
  /** Occurrences of each stem in all documents, and all their tokens. */
  total: Map<string, number>;
  tokens: number;
}

/** A text's content tokens (before stemming) and how often each occurs: all a document contributes. */
export function contentTokenCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) if (isContentToken(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export function prepareCorpus(texts: readonly string[]): PreparedCorpus {
  return corpusOfTokenCounts(texts.map(contentTokenCounts));
}

/** The corpus of documents given as content-token counts (contentTokenCounts; kept per unit by db/unit-terms.ts). */
export function corpusOfTokenCounts(documents: readonly Iterable<readonly [string, number]>[]): PreparedCorpus {
  const df = new Map<string, number>();
  const total = new Map<string, number>();
  const tokenTotals = new Map<string, number>();
  let allTokens = 0;
  const docs = documents.map((tokenCounts) => {
    const counts = new Map<string, number>();
    let tokens = 0;
    for (const [token, n] of tokenCounts) {
      const s = stem(token);
      counts.set(s, (counts.get(s) ?? 0) + n);
      tokenTotals.set(token, (tokenTotals.get(token) ?? 0) + n);
      tokens += n;
    }
    for (const [s, n] of counts) {
      df.set(s, (df.get(s) ?? 0) + 1);
      total.set(s, (total.get(s) ?? 0) + n);
    }
    allTokens += tokens;
    return { counts, tokens };
  });
  // Each stem shown by its most frequent token (ties: the shorter, then alphabetical).
  const surface = new Map<string, string>();
  const best = new Map<string, number>();
  for (const [token, n] of tokenTotals) {
    const s = stem(token);
    const shown = surface.get(s);
    const m = best.get(s) ?? 0;
    if (
      shown === undefined ||
      n > m ||
      (n === m && (token.length < shown.length || (token.length === shown.length && token < shown)))
    ) {
      surface.set(s, token);
      best.set(s, n);
    }
  }
  return { docs, df, surface, total, tokens: allTokens };
}

export interface TermScore {
  /** The most frequent surface form of the stem. */
  term: string;
  stem: string;
  score: number;
  /** Occurrences in the code's documents, and how many of them contain it. */
  count: number;
  docs: number;
  /** Occurrences in the other documents. */
  countRest: number;
}

/** The top `top` terms of the documents at `members` (indices into the corpus). */
export function distinctiveTerms(
  corpus: PreparedCorpus,
  members: readonly number[],
  options: { top?: number; minCount?: number } = {},
): TermScore[] {
  const { top = 15, minCount = 2 } = options;
  const n = corpus.docs.length;
  const countIn = new Map<string, number>();
  const docsIn = new Map<string, number>();
  let tokensIn = 0;
  for (const i of new Set(members)) {
    const doc = corpus.docs[i]!;
    tokensIn += doc.tokens;
    for (const [s, c] of doc.counts) {
      countIn.set(s, (countIn.get(s) ?? 0) + c);
      docsIn.set(s, (docsIn.get(s) ?? 0) + 1);
    }
  }
  if (tokensIn === 0) return [];
  const tokensRest = corpus.tokens - tokensIn;
  const scored: TermScore[] = [];
  for (const [s, count] of countIn) {
    if (count < minCount) continue;
    const countRest = corpus.total.get(s)! - count;
    const tfIn = count / tokensIn;
    const tfRest = tokensRest ? countRest / tokensRest : 0;
    const idf = Math.log(n / corpus.df.get(s)!);
    if (tfIn <= tfRest || idf <= 0) continue;
    scored.push({ term: corpus.surface.get(s)!, stem: s, score: tfIn * idf, count, docs: docsIn.get(s)!, countRest });
  }
  return scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).slice(0, top);
}

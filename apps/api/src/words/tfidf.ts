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
}

export function prepareCorpus(texts: readonly string[]): PreparedCorpus {
  const df = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  const docs = texts.map((text) => {
    const counts = new Map<string, number>();
    let tokens = 0;
    for (const token of tokenize(text)) {
      if (!isContentToken(token)) continue;
      const s = stem(token);
      counts.set(s, (counts.get(s) ?? 0) + 1);
      let forms = surfaceCounts.get(s);
      if (!forms) {
        forms = new Map();
        surfaceCounts.set(s, forms);
      }
      forms.set(token, (forms.get(token) ?? 0) + 1);
      tokens++;
    }
    for (const s of counts.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    return { counts, tokens };
  });
  const surface = new Map<string, string>();
  for (const [s, forms] of surfaceCounts) {
    const best = [...forms].sort(([a, na], [b, nb]) => nb - na || a.length - b.length || (a < b ? -1 : 1))[0]!;
    surface.set(s, best[0]);
  }
  return { docs, df, surface };
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
  const inside = new Set(members);
  const countIn = new Map<string, number>();
  const docsIn = new Map<string, number>();
  let tokensIn = 0;
  let tokensAll = 0;
  for (const [i, doc] of corpus.docs.entries()) {
    tokensAll += doc.tokens;
    if (!inside.has(i)) continue;
    tokensIn += doc.tokens;
    for (const [s, c] of doc.counts) {
      countIn.set(s, (countIn.get(s) ?? 0) + c);
      docsIn.set(s, (docsIn.get(s) ?? 0) + 1);
    }
  }
  if (tokensIn === 0) return [];
  const tokensRest = tokensAll - tokensIn;
  const totalCount = new Map<string, number>();
  for (const doc of corpus.docs)
    for (const [s, c] of doc.counts) if (countIn.has(s)) totalCount.set(s, (totalCount.get(s) ?? 0) + c);
  const scored: TermScore[] = [];
  for (const [s, count] of countIn) {
    if (count < minCount) continue;
    const countRest = totalCount.get(s)! - count;
    const tfIn = count / tokensIn;
    const tfRest = tokensRest ? countRest / tokensRest : 0;
    const idf = Math.log(n / corpus.df.get(s)!);
    if (tfIn <= tfRest || idf <= 0) continue;
    scored.push({ term: corpus.surface.get(s)!, stem: s, score: tfIn * idf, count, docs: docsIn.get(s)!, countRest });
  }
  return scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).slice(0, top);
}

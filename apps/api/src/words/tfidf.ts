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

// Stems are numbered as the corpus is read, so documents are arrays of (stem number, count) and a
// code's sums are typed arrays indexed by stem: a few thousand documents of a few dozen stems each
// are summed per code without building a Map per code.
export interface PreparedCorpus {
  /** Each stem by its number, and the token it is shown as. */
  stems: string[];
  surface: string[];
  /** Per stem: documents containing it, its occurrences in all documents. */
  df: Int32Array;
  total: Float64Array;
  docs: { stems: Int32Array; counts: Float64Array; tokens: number }[];
  /** All tokens of all documents. */
  tokens: number;
}

/** A text's content tokens (before stemming) and how often each occurs: all a document contributes. */
function contentTokenCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) if (isContentToken(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * A text's content-token counts as one line, "token count token count …" (tokens are word characters only): the
 * form a document is read in, and kept per unit (db/unit-terms.ts).
 */
export function tokenCountsLine(text: string): string {
  return [...contentTokenCounts(text)].flat().join(' ');
}

export function prepareCorpus(texts: readonly string[]): PreparedCorpus {
  return corpusOfLines(texts.map(tokenCountsLine));
}

/** The corpus of documents given as token-count lines (tokenCountsLine). */
export function corpusOfLines(lines: readonly string[]): PreparedCorpus {
  const stemNumber = new Map<string, number>();
  const stems: string[] = [];
  // Each distinct token once: its stem's number and its occurrences in all documents (for the surface form).
  const tokenNumber = new Map<string, number>();
  const tokenStem: number[] = [];
  const tokenTotal: number[] = [];
  const tokenText: string[] = [];
  const inDoc: number[] = []; // per stem number: occurrences in the document being read
  const docs = lines.map((line) => {
    const seen: number[] = [];
    let tokens = 0;
    const parts = line.split(' ');
    for (let i = 1; i < parts.length; i += 2) {
      const token = parts[i - 1]!;
      const n = Number(parts[i]);
      let t = tokenNumber.get(token);
      if (t === undefined) {
        const s = stem(token);
        let k = stemNumber.get(s);
        if (k === undefined) {
          k = stems.length;
          stemNumber.set(s, k);
          stems.push(s);
          inDoc.push(0);
        }
        t = tokenStem.length;
        tokenNumber.set(token, t);
        tokenStem.push(k);
        tokenTotal.push(0);
        tokenText.push(token);
      }
      tokenTotal[t]! += n;
      const k = tokenStem[t]!;
      if (inDoc[k] === 0) seen.push(k);
      inDoc[k]! += n;
      tokens += n;
    }
    const counts = new Float64Array(seen.length);
    seen.forEach((k, i) => {
      counts[i] = inDoc[k]!;
      inDoc[k] = 0;
    });
    return { stems: Int32Array.from(seen), counts, tokens };
  });
  const df = new Int32Array(stems.length);
  const total = new Float64Array(stems.length);
  let allTokens = 0;
  for (const doc of docs) {
    for (let i = 0; i < doc.stems.length; i++) {
      df[doc.stems[i]!]!++;
      total[doc.stems[i]!]! += doc.counts[i]!;
    }
    allTokens += doc.tokens;
  }
  // Each stem shown by its most frequent token (ties: the shorter, then alphabetical).
  const surface: string[] = [];
  const best: number[] = [];
  tokenText.forEach((token, t) => {
    const k = tokenStem[t]!;
    const n = tokenTotal[t]!;
    const shown = surface[k];
    const m = best[k] ?? 0;
    if (
      shown === undefined ||
      n > m ||
      (n === m && (token.length < shown.length || (token.length === shown.length && token < shown)))
    ) {
      surface[k] = token;
      best[k] = n;
    }
  });
  return { stems, surface, df, total, docs, tokens: allTokens };
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
  const countIn = new Float64Array(corpus.stems.length);
  const docsIn = new Int32Array(corpus.stems.length);
  const seen: number[] = [];
  let tokensIn = 0;
  for (const i of new Set(members)) {
    const doc = corpus.docs[i]!;
    tokensIn += doc.tokens;
    for (let j = 0; j < doc.stems.length; j++) {
      const k = doc.stems[j]!;
      if (docsIn[k] === 0) seen.push(k);
      countIn[k]! += doc.counts[j]!;
      docsIn[k]!++;
    }
  }
  if (tokensIn === 0) return [];
  const tokensRest = corpus.tokens - tokensIn;
  const scored: TermScore[] = [];
  for (const k of seen) {
    const count = countIn[k]!;
    if (count < minCount) continue;
    const countRest = corpus.total[k]! - count;
    const tfIn = count / tokensIn;
    const tfRest = tokensRest ? countRest / tokensRest : 0;
    const idf = Math.log(n / corpus.df[k]!);
    if (tfIn <= tfRest || idf <= 0) continue;
    const term = corpus.surface[k]!;
    scored.push({ term, stem: corpus.stems[k]!, score: tfIn * idf, count, docs: docsIn[k]!, countRest });
  }
  return scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).slice(0, top);
}

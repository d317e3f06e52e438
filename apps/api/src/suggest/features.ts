// Text → sparse TF-IDF vectors. Terms are natural's word tokens, stemmed (words/text.ts),
// without stop words, plus adjacent-stem bigrams, which catch phrases like "out of memory".
import { isContentToken, stem, tokenize } from '../words/text.ts';
import { TermTable } from './term-table.ts';

/** A sparse vector: feature indexes (ascending) and their values. */
export interface SparseVector {
  indexes: Int32Array;
  values: Float32Array;
}

export interface Vocabulary {
  terms: string[];
  /** Inverse document frequency of each term, ln((1 + n) / (1 + df)) + 1 (smoothed). */
  idf: Float32Array;
}

const contentStems = (text: string) => tokenize(text).filter(isContentToken).map(stem);

/** The terms of a text: content stems and the bigrams of neighbouring content stems. */
export function terms(text: string): string[] {
  const stems = contentStems(text);
  const out = [...stems];
  for (let i = 1; i < stems.length; i++) out.push(`${stems[i - 1]} ${stems[i]}`);
  return out;
}

/** Sublinear TF (1 + ln tf) × IDF, scaled to unit length; terms outside the vocabulary are dropped. */
export function vectorize<T>(doc: Iterable<T>, index: Map<T, number>, idf: Float32Array): SparseVector {
  const counts = new Map<number, number>();
  for (const t of doc) {
    const i = index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indexes = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indexes.length);
  let norm = 0;
  indexes.forEach((i, k) => {
    const v = (1 + Math.log(counts.get(i)!)) * idf[i]!;
    values[k] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < values.length; k++) values[k]! /= norm;
  return { indexes, values };
}

export const termIndex = (v: Vocabulary) => new Map(v.terms.map((t, i) => [t, i]));

/**
 * A training corpus as vectors, with its vocabulary: the terms (as terms() spells them) found
 * in at least `minDocs` texts, in first-seen order, each with its smoothed IDF,
 * ln((1 + n) / (1 + df)) + 1. Terms are counted as numbers (term-table.ts), not strings.
 */
export function encodeCorpus(texts: string[], minDocs: number): { vocabulary: Vocabulary; xs: SparseVector[] } {
  const stemIds = new Map<string, number>();
  const stemList: string[] = [];
  const idOf = (s: string) => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stemList.length;
      stemIds.set(s, id);
      stemList.push(s);
    }
    return id;
  };
  const table = new TermTable();
  const docs = texts.map((text, doc) => {
    const ids = contentStems(text).map(idOf);
    const termsOfDoc = new Int32Array(Math.max(0, 2 * ids.length - 1));
    ids.forEach((id, i) => {
      termsOfDoc[i] = table.add(id, -1, doc);
    });
    for (let i = 1; i < ids.length; i++) termsOfDoc[ids.length + i - 1] = table.add(ids[i - 1]!, ids[i]!, doc);
    return termsOfDoc;
  });
  const index = new Map<number, number>();
  const names: string[] = [];
  const idf: number[] = [];
  for (let term = 0; term < table.size; term++) {
    if (table.docs[term]! < minDocs) continue;
    index.set(term, names.length);
    const [a, b] = [table.firsts[term]!, table.seconds[term]!];
    names.push(b === -1 ? stemList[a]! : `${stemList[a]} ${stemList[b]}`);
    idf.push(Math.log((1 + texts.length) / (1 + table.docs[term]!)) + 1);
  }
  const vocabulary = { terms: names, idf: Float32Array.from(idf) };
  return { vocabulary, xs: docs.map((d) => vectorize(d, index, vocabulary.idf)) };
}

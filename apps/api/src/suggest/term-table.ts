// Counting terms while training: an open-addressing hash table keyed by integer pairs (a stem
// id, and the next stem's id for a bigram or -1 for the stem alone). Typed arrays instead of a
// Map keep hundreds of thousands of distinct bigrams cheap to count. Terms are numbered in
// first-seen order.
const EMPTY = -2;

export class TermTable {
  private mask = 1023;
  private slotFirst = new Int32Array(1024).fill(EMPTY);
  private slotSecond = new Int32Array(1024);
  private slotTerm = new Int32Array(1024);
  /** Per term number: its stem id, its second stem id (-1 for a unigram), and how many documents hold it. */
  readonly firsts: number[] = [];
  readonly seconds: number[] = [];
  readonly docs: number[] = [];
  private lastDoc: number[] = [];

  get size(): number {
    return this.firsts.length;
  }

  private slotOf(a: number, b: number): number {
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) & this.mask;
    while (this.slotFirst[i] !== EMPTY && (this.slotFirst[i] !== a || this.slotSecond[i] !== b))
      i = (i + 1) & this.mask;
    return i;
  }

  /** The term's number (added if new); each document counts once per term. */
  add(a: number, b: number, doc: number): number {
    if (this.size * 2 >= this.mask) this.grow();
    const i = this.slotOf(a, b);
    if (this.slotFirst[i] === EMPTY) {
      this.slotFirst[i] = a;
      this.slotSecond[i] = b;
      this.slotTerm[i] = this.size;
      this.firsts.push(a);
      this.seconds.push(b);
      this.docs.push(1);
      this.lastDoc.push(doc);
      return this.size - 1;
    }
    const term = this.slotTerm[i]!;
    if (this.lastDoc[term] !== doc) {
      this.lastDoc[term] = doc;
      this.docs[term]!++;
    }
    return term;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slotFirst = new Int32Array(size).fill(EMPTY);
    this.slotSecond = new Int32Array(size);
    this.slotTerm = new Int32Array(size);
    for (let term = 0; term < this.size; term++) {
      const i = this.slotOf(this.firsts[term]!, this.seconds[term]!);
      this.slotFirst[i] = this.firsts[term]!;
      this.slotSecond[i] = this.seconds[term]!;
      this.slotTerm[i] = term;
    }
  }
}

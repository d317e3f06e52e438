// Type-to-filter for a codebook of many codes: forgiving (case, accents and punctuation are
// ignored; words match in any order, as parts of words) and ranked, so Enter can apply the
// best match. Names weigh most, then ids and the parent's name, then definitions.

export interface FilterableCode {
  id: string;
  name: string;
  definition: string;
  shortcut: string | null;
}

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const startsWord = (text: string, word: string) => text.startsWith(word) || text.includes(` ${word}`);

function wordScore(word: string, name: string, other: string, definition: string): number {
  if (startsWord(name, word)) return 4;
  if (name.includes(word)) return 3;
  if (other.includes(word)) return 2;
  if (definition.includes(word)) return 1;
  return 0;
}

/**
 * How well `code` matches `query`: 0 when some word of the query is found nowhere, higher is
 * better. `parentName` lets "training token" find Training Pipeline › Tokenization.
 */
export function matchScore(code: FilterableCode, query: string, parentName = ''): number {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return 1;
  if (code.shortcut !== null && query.trim().toLowerCase() === code.shortcut) return 100;
  const name = foldText(code.name);
  const other = `${foldText(code.id)} ${foldText(parentName)}`;
  const definition = foldText(code.definition);
  let score = 0;
  for (const word of words) {
    const each = wordScore(word, name, other, definition);
    if (each === 0) return 0;
    score += each;
  }
  // A name that begins with the whole query is what the coder is typing out.
  return name.startsWith(words.join(' ')) ? score + 10 : score;
}

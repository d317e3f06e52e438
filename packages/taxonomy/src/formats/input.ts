// Guards every importer runs before it parses anything.
import { MAX_IMPORT_BYTES } from '../limits.ts';
import { issue, type TaxonomyIssue } from '../issues.ts';

/** Refuses text over the size limit (counted in UTF-8 bytes, as the upload was). */
export function checkSize(text: string): TaxonomyIssue | null {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: skip the encoding when it cannot be too big.
  if (text.length * 3 <= MAX_IMPORT_BYTES) return null;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes <= MAX_IMPORT_BYTES) return null;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return issue(
    'codebook_file.too_large',
    `The file is ${mb(bytes)} MB; a codebook file may be at most ${mb(MAX_IMPORT_BYTES)} MB.`,
  );
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return lineCounter(text)(offset);
}

/** A line lookup for many offsets into one text: newline offsets once, then binary search. */
export function lineCounter(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((breaks[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}

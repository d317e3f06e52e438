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
  return issue('codebook_file.too_large', `The file is ${mb(bytes)} MB; a codebook file may be at most ${mb(MAX_IMPORT_BYTES)} MB.`);
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

// The one rule for a post table's delimiter, shared by the server's parser and the browser's
// column preview (apps/web features/sources/file-head.ts), so both read the same columns.

/** Tab for a .tsv file, comma for everything else. */
export function csvDelimiter(fileName: string): ',' | '\t' {
  return /\.tsv$/i.test(fileName) ? '\t' : ',';
}

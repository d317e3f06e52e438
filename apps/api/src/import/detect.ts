// Guesses an input's format from its name and first bytes when the user did not say.
import { extname } from 'node:path';
import { importErrors } from './errors.ts';
import type { InputFile } from './input.ts';
import type { ImportFormat } from './types.ts';

export function detectFormat(input: Pick<InputFile, 'name' | 'head' | 'isZip'>): ImportFormat {
  if (input.isZip) return 'discourse';
  const ext = extname(input.name).toLowerCase();
  const text = input.head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (ext === '.xml' || text.startsWith('<')) return 'stackexchange';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  // Topics carry a post_stream; a JSON array is only ever a list of topics here. A Perceval item
  // (sorted keys) names its backend first and may hold a long topic before post_stream.
  if (text.startsWith('[') || /"post_stream"\s*:|^\{\s*"backend_name"\s*:\s*"Discourse"/.test(text)) return 'discourse';
  if (text.startsWith('{')) return 'jsonl';
  if (/^[^\n]*,[^\n]*\n/.test(text)) return 'csv';
  throw importErrors.unknownFormat({ file: input.name });
}

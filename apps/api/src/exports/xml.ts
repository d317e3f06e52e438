// XML escaping for the .qdpx export: the same rules as the .qdc writer in packages/taxonomy,
// reused from there so both files are escaped alike.
import { escapeAttribute, escapeText } from '@threadcoder/taxonomy';

export const xmlText = escapeText;
export const xmlAttr = escapeAttribute;

/** ` key="value"` for each defined pair, in the given order. */
export function attrs(pairs: [string, string | number | boolean | null | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number | boolean] => p[1] !== null && p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

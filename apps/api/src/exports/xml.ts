// Escaping for the XML the .qdpx export writes (the same rules as packages/taxonomy's .qdc
// writer): characters XML 1.0 cannot carry are dropped, & < > " become entities, CR stays a
// character reference so a parser does not fold it into LF; in attributes tab and LF are
// references too, which attribute normalization would otherwise turn into spaces.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

export function xmlAttr(value: string): string {
  return xmlText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** ` key="value"` for each defined pair, in the given order. */
export function attrs(pairs: [string, string | number | boolean | null | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number | boolean] => p[1] !== null && p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

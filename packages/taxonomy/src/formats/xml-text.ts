// Escaping for the XML we write and entity decoding for the XML we read. The
// parser is run with entity processing off (no DOCTYPE entities, no entity
// expansion attacks), so the five predefined entities and character
// references are decoded here.

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR;
// U+FFFE/U+FFFF; lone surrogates). They are dropped on export: no reader could
// accept the file otherwise.
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Any character either function changes or drops (surrogates: paired ones too, checked by NOT_XML).
// Most values (guids, dates, names, plain words) have none and are returned as they are: an
// export writes hundreds of thousands of them.
const TEXT_SPECIAL = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Element text: & < > " escaped, CR kept as a reference (parsers turn a raw CR into LF). */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** Attribute values: also tab and LF as references, which attribute normalization would turn into spaces. */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes predefined entities and character references; unknown entities stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const point = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** Attribute value normalization (XML 1.0 section 3.3.3): literal whitespace becomes a space, then references are decoded. */
export function decodeAttribute(raw: string): string {
  return decodeEntities(raw.replace(/[\t\n\r]/g, ' '));
}

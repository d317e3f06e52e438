// Posts.xml made hostile: entity expansion (billion laughs, quadratic blow-up), external
// entities (XXE), DOCTYPEs, bad character references and malformed markup. The parser
// (saxes) never reads a DTD, fetches nothing and expands no entity the file declares: using
// one is an undefined entity, located by line and column. A DOCTYPE that is declared but not
// used is harmless and the file imports.
import { expect } from 'vitest';
import { utf8, type HostileCase } from '../case.ts';
import { stackExchange } from '../bases.ts';

const lines = stackExchange.text.split('\n');
const column = () => expect.stringMatching(/^column \d+$/);

/** Posts.xml with `doctype` after the XML declaration and `body` as the first question's Body. */
function withDoctype(doctype: string, body?: string): { text: string; bodyLine: number } {
  const extra = doctype.split('\n').length;
  const question = body === undefined ? lines[2]! : lines[2]!.replace(/Body="[^"]*"/, `Body="${body}"`);
  return { text: [lines[0], doctype, lines[1], question, ...lines.slice(3)].join('\n'), bodyLine: 3 + extra };
}

const laughs = [
  '<!DOCTYPE posts [',
  ' <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
  ']>',
].join('\n');

export function xmlCases(): HostileCase[] {
  const undefinedEntity = (name: string, doctype: string, body: string): Omit<HostileCase, 'category'> => {
    const { text, bodyLine } = withDoctype(doctype, body);
    return {
      name,
      format: 'stackexchange',
      bytes: () => utf8(text),
      expected: {
        ok: false,
        code: 'import.invalid_xml',
        where: { file: name, line: bodyLine, field: column() },
        message: /undefined entity/,
      },
    };
  };
  const accepted = (name: string, doctype: string): Omit<HostileCase, 'category'> => ({
    name,
    format: 'stackexchange',
    bytes: () => utf8(withDoctype(doctype).text),
    expected: { ok: true, threads: 2, posts: 5 },
  });
  /** Line `line` (1-based) of Posts.xml replaced: malformed there, or where the parser notices (`errorLine`). */
  const broken = (
    name: string,
    line: number,
    replace: (l: string) => string,
    message?: RegExp,
    errorLine = line,
  ): Omit<HostileCase, 'category'> => ({
    name,
    format: 'stackexchange',
    bytes: () => utf8(lines.map((l, i) => (i === line - 1 ? replace(l) : l)).join('\n')),
    expected: {
      ok: false,
      code: 'import.invalid_xml',
      where: { file: name, line: errorLine, field: column() },
      ...(message ? { message } : {}),
    },
  });
  const cases: Omit<HostileCase, 'category'>[] = [
    undefinedEntity('billion-laughs.xml', laughs, '&lol9;'),
    undefinedEntity('billion-laughs-attr-end.xml', laughs, 'see &lol9;'),
    undefinedEntity('quadratic.xml', `<!DOCTYPE posts [<!ENTITY big "${'x'.repeat(100_000)}">]>`, '&big;'.repeat(2000)),
    undefinedEntity('xxe-file.xml', '<!DOCTYPE posts [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'),
    undefinedEntity('xxe-http.xml', '<!DOCTYPE posts [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>', '&xxe;'),
    undefinedEntity(
      'xxe-public.xml',
      '<!DOCTYPE posts [<!ENTITY xxe PUBLIC "-//X//Y" "http://127.0.0.1:9/x.dtd">]>',
      '&lt;p&gt;&xxe;&lt;/p&gt;',
    ),
    undefinedEntity('html-entity.xml', '<!-- no doctype -->', '&nbsp;'),
    accepted('doctype-plain.xml', '<!DOCTYPE posts>'),
    accepted('doctype-external.xml', '<!DOCTYPE posts SYSTEM "http://127.0.0.1:9/posts.dtd">'),
    accepted(
      'doctype-param-entity.xml',
      '<!DOCTYPE posts [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    ),
    accepted('doctype-unused-laughs.xml', laughs),
    accepted('pi-comment.xml', '<?php system("id"); ?>\n<!-- a comment -->'),
    // Every input is read as UTF-8 and must be valid UTF-8: a declared encoding is not looked at.
    {
      name: 'declared-utf16.xml',
      format: 'stackexchange',
      bytes: () => utf8(stackExchange.text.replace('encoding="utf-8"', 'encoding="UTF-16"')),
      expected: { ok: true, threads: 2, posts: 5 },
    },
    broken('charref-nul.xml', 3, (l) => l.replace('How do I', '&#0;How do I'), /character entity/),
    broken('charref-surrogate.xml', 4, (l) => l.replace('Set ', '&#xD800;Set '), /character entity/),
    broken('charref-fffe.xml', 3, (l) => l.replace('How do I', '&#xFFFE;How do I'), /character entity/),
    broken('charref-too-big.xml', 6, (l) => l.replace('An answer', '&#x110000;An answer'), /character entity/),
    broken('charref-control.xml', 3, (l) => l.replace('How do I', '&#1;How do I'), /character entity/),
    broken('raw-control.xml', 4, (l) => l.replace('Set ', '\u0001Set '), /disallowed character/),
    broken('bare-ampersand.xml', 3, (l) => l.replace('Freezing BERT', 'Freezing & BERT')),
    broken('lt-in-attribute.xml', 3, (l) => l.replace('Freezing BERT', 'Freezing <BERT>')),
    broken(
      'duplicate-attribute.xml',
      4,
      (l) => l.replace('<row Id="11"', '<row Id="11" Id="99"'),
      /duplicate attribute/,
    ),
    broken('unquoted-attribute.xml', 4, (l) => l.replace('Score="1"', 'Score=1')),
    broken('mismatched-tag.xml', 9, (l) => l.replace('</posts>', '</post>'), /unexpected close tag|mismatched/),
    broken('second-root.xml', 9, (l) => `${l}<posts></posts>`),
    broken('doctype-late.xml', 5, (l) => `<!DOCTYPE posts>${l}`),
    // An unclosed <row> swallows the rows after it; the mismatch shows at </posts>.
    broken('unterminated-row.xml', 5, (l) => l.replace(' />', '>'), /close tag/, 9),
  ];
  return cases.map((c) => ({ category: 'xml', ...c }));
}

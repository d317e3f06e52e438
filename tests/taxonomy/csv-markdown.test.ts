import { describe, expect, test } from 'vitest';
import { toCsv, toMarkdown } from '@threadcoder/taxonomy';
import { smallCodebook } from './fixtures.ts';

describe('toCsv', () => {
  test('one row per code in tree order, RFC 4180 quoting, CRLF line ends', () => {
    expect(toCsv(smallCodebook())).toBe(
      [
        'path,id,name,definition,include,exclude,examples',
        'Challenge,challenge,Challenge,,,,',
        'Challenge > Documentation gaps,docs,Documentation gaps,"Docs are missing, outdated or unclear.","Model cards, too.",API errors.,"""The model card says nothing"" (post 12)"',
        '"Challenge > Memory, performance",memory,"Memory, performance",,,,',
        '"Challenge > Memory, performance > Out of memory",oom,Out of memory,CUDA OOM & friends.,,,',
        'Benefit,benefit,Benefit,,,,',
        'Benefit > Reuse saves time,reuse,Reuse saves time,"Says ""reuse"" | saves\ntime.",,,"""Saved weeks <really>"""',
        'Benefit > Old code,old,Old code,,,,',
        '',
      ].join('\r\n'),
    );
  });

  test('activeOnly leaves deprecated codes out', () => {
    expect(
      toCsv(smallCodebook(), { activeOnly: true })
        .split('\r\n')
        .filter((line) => line.includes('Old code')),
    ).toEqual([]);
  });

  test('several examples share one cell, one per line', () => {
    const base = smallCodebook();
    const codes = base.codes.map((c) =>
      c.id === 'oom' ? { ...c, examples: [{ quote: 'a' }, { quote: 'b', postId: 3 }] } : c,
    );
    expect(toCsv({ ...base, codes })).toContain(',"""a""\n""b"" (post 3)"\r\n');
  });
});

describe('toMarkdown', () => {
  test('a table with the dimension in its own column and cells escaped', () => {
    expect(toMarkdown(smallCodebook(), { activeOnly: true })).toBe(
      [
        '| Dimension | Code | Definition | Include | Exclude | Examples |',
        '| --- | --- | --- | --- | --- | --- |',
        '| Challenge |  |  |  |  |  |',
        '| Challenge | Documentation gaps | Docs are missing, outdated or unclear. | Model cards, too. | API errors. | "The model card says nothing" (post 12) |',
        '| Challenge | Memory, performance |  |  |  |  |',
        '| Challenge | Memory, performance > Out of memory | CUDA OOM &amp; friends. |  |  |  |',
        '| Benefit |  |  |  |  |  |',
        '| Benefit | Reuse saves time | Says "reuse" \\| saves<br>time. |  |  | "Saved weeks &lt;really&gt;" |',
        '',
      ].join('\n'),
    );
  });

  test.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['an escaped pipe', 'a\\|b', 'a\\\\\\|b'],
    ['CRLF', 'a\r\nb', 'a<br>b'],
    ['HTML', '<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
  ])('escapes %s', (_what, definition, cell) => {
    const base = smallCodebook();
    const codes = base.codes.map((c) => (c.id === 'oom' ? { ...c, definition } : c));
    const line = toMarkdown({ ...base, codes })
      .split('\n')
      .find((each) => each.includes('Out of memory'));
    expect(line).toBe(`| Challenge | Memory, performance > Out of memory | ${cell} |  |  |  |`);
  });
});

import type { Code } from '@threadcoder/taxonomy';
import { describe, expect, test } from 'vitest';
import { codeGroups, shownCodes, toggleLabel } from '../../apps/web/src/features/coding/codebook-tree.ts';
import { presentPostHtml } from '../../apps/web/src/components/post-html.ts';
import { nextQuote } from '../../apps/web/src/components/next-quote.ts';
import { locate, quoteRange } from '../../apps/web/src/components/quote-range.ts';
import { selectionQuote } from '../../apps/web/src/features/coding/selection.ts';

// The coding screen's pure parts: how the codebook is listed, where a quote lies (where keys move: unit-sequence, tests/web/coding-pages).

const code = (id: string, parentId: string | null, extra: Partial<Code> = {}): Code => ({
  id,
  parentId,
  position: 0,
  dimension: 'challenge',
  name: id,
  definition: `about ${id}`,
  includeNote: '',
  excludeNote: '',
  examples: [],
  color: null,
  shortcut: null,
  status: 'active',
  codable: parentId !== null,
  ...extra,
});

describe('the codebook list', () => {
  const codes = [
    code('challenge', null),
    code('docs', 'challenge', { position: 0, name: 'Documentation gaps' }),
    code('setup', 'challenge', { position: 1, name: 'Setup', codable: false }),
    code('install', 'setup', { position: 0, name: 'Installation' }),
    code('old', 'challenge', { position: 2, name: 'Old code', status: 'deprecated' }),
    code('benefit', null, { dimension: 'benefit', position: 1 }),
    code('thanks', 'benefit', { dimension: 'benefit', name: 'Acknowledgement' }),
  ];
  test('groups by dimension in tree order; grouping codes are headings; retired codes only while applied', () => {
    const groups = codeGroups(codes, []);
    expect(
      groups.map((g) => [g.dimension.id, g.items.map((i) => `${i.code.id}${i.heading ? ':h' : ''}@${i.depth}`)]),
    ).toEqual([
      ['challenge', ['docs@0', 'setup:h@0', 'install@1']],
      ['benefit', ['thanks@0']],
    ]);
    expect(shownCodes(codeGroups(codes, ['old'])).map((c) => c.id)).toEqual(['docs', 'install', 'old', 'thanks']);
  });
  test('a filter keeps matches (name, id or definition) with the headings above them', () => {
    expect(codeGroups(codes, [], 'INSTALL').map((g) => g.items.map((i) => i.code.id))).toEqual([['setup', 'install']]);
    expect(shownCodes(codeGroups(codes, [], 'about thanks')).map((c) => c.id)).toEqual(['thanks']);
    expect(codeGroups(codes, [], 'nothing like this')).toEqual([]);
  });
  test.each([
    [['a'], 'b', 'multi', ['a', 'b']],
    [['a', 'b'], 'a', 'multi', ['b']],
    [['a'], 'b', 'single', ['b']],
    [['a'], 'a', 'single', []],
  ] as const)('toggling %j with %s in a %s-label study gives %j', (ids, id, mode, expected) => {
    expect(toggleLabel(ids, id, mode)).toEqual(expected);
  });
});

describe('quotes', () => {
  test('locate finds the selection in the plain text whatever the whitespace, nearest to where it was selected', () => {
    expect(locate('Loading fails\nwith OOM', 'fails with', 0)).toEqual({ index: 8, text: 'fails\nwith' });
    expect(locate('ab x ab x ab', 'ab', 0.5)).toEqual({ index: 5, text: 'ab' });
    expect(locate('abc', '   ', 0)).toBeNull();
  });

  test('offsets count code points in the unit’s plain text, posts joined by a blank line', () => {
    document.body.innerHTML = '<div id="a"><p>Héllo 👋  <b>world</b></p></div><div id="b"><p>second   post</p></div>';
    const bodies = [document.getElementById('a')!, document.getElementById('b')!];
    // Post b starts after "Héllo 👋 world" (13 code points) and a blank line.
    const posts = [
      { body: bodies[0]!, text: 'Héllo 👋 world', start: 0 },
      { body: bodies[1]!, text: 'second post', start: 15 },
    ];
    const select = (node: Node, from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection;
    };
    expect(selectionQuote(posts, select(bodies[0]!.querySelector('b')!.firstChild!, 0, 5))).toEqual({
      text: 'world',
      start: 8,
      end: 13,
    });
    expect(selectionQuote(posts, select(bodies[1]!.querySelector('p')!.firstChild!, 0, 13))).toEqual({
      text: 'second post',
      start: 15,
      end: 26,
    });
    expect(selectionQuote(posts.slice(1), select(bodies[0]!.querySelector('p')!.firstChild!, 0, 5))).toBeNull();
  });

  test('in a post that quotes another, offsets point into its own words; a selection inside the quote is no quote', () => {
    const stored =
      '<aside class="quote" data-username="martflar" data-post="1" data-topic="11277"><div class="title"> martflar:</div>' +
      '<blockquote><p>How do I make a histogram?</p></blockquote></aside><p>Use Segment Statistics after you click Apply.</p>';
    document.body.innerHTML = `<div id="q">${presentPostHtml(stored, { loadImages: false }).html}</div>`;
    const body = document.getElementById('q')!;
    const own = 'Use Segment Statistics after you click Apply.';
    const select = (node: Node, from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection;
    };
    const ownText = body.querySelector(':scope > p')!.firstChild!;
    expect(selectionQuote([{ body, text: own, start: 0 }], select(ownText, 4, 22))).toEqual({
      text: 'Segment Statistics',
      start: 4,
      end: 22,
    });
    const quoted = body.querySelector('blockquote p')!.firstChild!;
    expect(selectionQuote([{ body, text: own, start: 0 }], select(quoted, 0, 9))).toBeNull();
  });

  test('a stored quote is found again in its post on screen, whatever page that post came on', () => {
    document.body.innerHTML =
      '<div id="p249"><p>Earlier words.</p></div><div id="p250"><p>Post 250 🚀 asks <b>about</b>\n  tokenizers.</p></div>';
    // Post 250's text starts at code point 9000 of the unit's text (posts of earlier pages before it).
    const posts = [
      { body: document.getElementById('p249')!, text: 'Earlier words.', start: 8984 },
      { body: document.getElementById('p250')!, text: 'Post 250 🚀 asks about tokenizers.', start: 9000 },
    ];
    // "about tokenizers" starts 16 code points into post 250 (the emoji is one).
    const range = quoteRange(posts, { text: 'about tokenizers', start: 9016, end: 9032 });
    expect(range?.toString()).toBe('about\n  tokenizers');
    expect(range?.startContainer.textContent).toBe('about');
    // A quote in a post not on screen (an unloaded page) has no range.
    expect(quoteRange(posts, { text: 'Later', start: 12000, end: 12005 })).toBeNull();
    expect(quoteRange(posts.slice(0, 1), { text: 'about tokenizers', start: 9016, end: 9032 })).toBeNull();
  });
});

describe('the key to the next quote', () => {
  const q = (start: number, end: number) => ({ text: `q${start}`, start, end });
  const quotes = [q(900, 910), q(40, 50), q(40, 45), q(7000, 7016)];
  test.each([
    [null, q(40, 45)],
    [q(40, 45), q(40, 50)],
    [q(40, 50), q(900, 910)],
    [q(900, 910), q(7000, 7016)],
    // After the last quote in the text, the first again.
    [q(7000, 7016), q(40, 45)],
  ])('after %o comes %o (in the order of the unit’s text)', (last, next) => {
    expect(nextQuote(quotes, last)).toEqual(next);
  });
});

import { describe, expect, test } from 'vitest';
import { sourceText } from '../../apps/api/src/exports/qdpx-text.ts';

describe('sourceText', () => {
  test('posts joined by a blank line; spans and offsets in code points', () => {
    const s = sourceText([
      { id: 1, text: 'a😀b' },
      { id: 2, text: 'cd' },
    ]);
    expect(s.text).toBe('a😀b\n\ncd');
    expect(s.length).toBe(7);
    expect(s.storedLength).toBe(7);
    expect(s.posts.get(1)).toEqual({ start: 0, end: 3, storedStart: 0, storedLength: 3 });
    expect(s.posts.get(2)).toEqual({ start: 5, end: 7, storedStart: 5, storedLength: 2 });
    expect([0, 2, 3, 5, 7].map(s.at)).toEqual([0, 2, 3, 5, 7]);
  });

  test.each([
    [
      'CRLF becomes LF',
      'x\r\ny',
      'x\ny',
      [
        [0, 0],
        [1, 1],
        [2, 1],
        [3, 2],
        [4, 3],
      ],
    ],
    [
      'a lone CR becomes LF',
      'x\ry',
      'x\ny',
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    ],
    [
      'a leading byte-order mark is dropped',
      '\ufeffxy',
      'xy',
      [
        [0, 0],
        [1, 0],
        [3, 2],
      ],
    ],
    ['a BOM inside the text stays (it is a character there)', 'x\ufeffy', 'x\ufeffy', [[2, 2]]],
  ] as const)('%s, and offsets follow', (_, stored, written, offsets) => {
    const s = sourceText([{ id: 1, text: stored }]);
    expect(s.text).toBe(written);
    for (const [from, to] of offsets) expect(s.at(from)).toBe(to);
    expect(s.posts.get(1)).toMatchObject({ start: 0, end: Array.from(written).length });
  });

  test('emoji and CRLF across posts: every offset lands on the same character in the written text', () => {
    // Letters A-H mark places; their offsets are found by scanning code points here, not by the mapping.
    const posts = [
      { id: 1, text: 'A😀B\r\nC👍🏽D' },
      { id: 2, text: 'E\r\n\r\n🇫🇷F\rG🙂' },
      { id: 3, text: 'H' },
    ];
    const written = 'A😀B\nC👍🏽D\n\nE\n\n🇫🇷F\nG🙂\n\nH';
    const storedPoints = Array.from(posts.map((p) => p.text).join('\n\n'));
    const writtenPoints = Array.from(written);
    const s = sourceText(posts);
    expect(s.text).toBe(written);
    expect([s.length, s.storedLength]).toEqual([writtenPoints.length, storedPoints.length]);
    for (const letter of 'ABCDEFGH') {
      const stored = storedPoints.indexOf(letter);
      expect([letter, s.at(stored), s.storedSlice(stored, stored + 1)]).toEqual([
        letter,
        writtenPoints.indexOf(letter),
        letter,
      ]);
    }
    const span = (first: string, last: string, storedText: string) => ({
      start: writtenPoints.indexOf(first),
      end: writtenPoints.lastIndexOf(last) + 1,
      storedStart: storedPoints.indexOf(first),
      storedLength: Array.from(storedText).length,
    });
    expect(s.posts.get(1)).toEqual(span('A', 'D', posts[0]!.text));
    expect(s.posts.get(2)).toEqual(span('E', '🙂', posts[1]!.text));
    expect(s.posts.get(3)).toEqual(span('H', 'H', 'H'));
    expect(s.storedSlice(storedPoints.indexOf('C'), storedPoints.indexOf('D') + 1)).toBe('C👍🏽D');
  });

  test('offsets beyond the text clamp to its ends', () => {
    const s = sourceText([{ id: 1, text: 'abc' }]);
    expect([s.at(-4), s.at(99)]).toEqual([0, 3]);
  });

  test('plain text (no CR, no emoji, no leading BOM) keeps its offsets; a CRLF at its end changes none before it', () => {
    const plain = sourceText([
      { id: 1, text: 'ab' },
      { id: 2, text: 'cde' },
    ]);
    // The same posts with a CRLF appended to the last one: up to it they agree.
    const mapped = sourceText([
      { id: 1, text: 'ab' },
      { id: 2, text: 'cde\r\n' },
    ]);
    expect(plain.text).toBe('ab\n\ncde');
    expect([plain.length, plain.storedLength]).toEqual([7, 7]);
    expect(plain.posts.get(1)).toEqual(mapped.posts.get(1));
    expect(plain.posts.get(2)).toEqual({ start: 4, end: 7, storedStart: 4, storedLength: 3 });
    expect([-1, 0, 3, 7, 99].map(plain.at)).toEqual([0, 0, 3, 7, 7]);
    expect([0, 3, 7].map(plain.at)).toEqual([0, 3, 7].map(mapped.at));
    expect([plain.storedSlice(4, 7), plain.storedSlice(0, 2)]).toEqual([
      mapped.storedSlice(4, 7),
      mapped.storedSlice(0, 2),
    ]);
  });

  test('a thread without posts is an empty text', () => {
    expect(sourceText([])).toMatchObject({ text: '', length: 0, storedLength: 0 });
  });
});

import { describe, expect, test } from 'vitest';
import { escapeAttribute, escapeText } from '../../packages/taxonomy/src/formats/xml-text.ts';

describe('XML escaping', () => {
  test.each([
    ['plain words stay as they are', 'Tokenizer fails on Windows', 'Tokenizer fails on Windows'],
    ['a guid stays as it is', '2ed6657d-e927-568b-95e1-2665a8aea6a2', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['the markup characters', 'a & b < c > d "e"', 'a &amp; b &lt; c &gt; d &quot;e&quot;'],
    ['CR as a reference, LF and tab as written', 'x\r\ny\tz', 'x&#13;\ny\tz'],
    ['a surrogate pair is kept', 'hi 😀', 'hi 😀'],
    ['a lone surrogate is dropped', 'a\ud800b\udc00c', 'abc'],
    ['controls XML cannot carry are dropped', 'a\u0000b\u001fc\uffffd', 'abcd'],
  ])('text: %s', (_, value, written) => {
    expect(escapeText(value)).toBe(written);
  });

  test.each([
    ['plain words stay as they are', 'Unit 7 (post 3): cora', 'Unit 7 (post 3): cora'],
    ['tab, LF and CR as references', 'a\tb\nc\rd', 'a&#9;b&#10;c&#13;d'],
    ['markup and a lone surrogate', '<"x">\udfff', '&lt;&quot;x&quot;&gt;'],
  ])('attribute: %s', (_, value, written) => {
    expect(escapeAttribute(value)).toBe(written);
  });
});

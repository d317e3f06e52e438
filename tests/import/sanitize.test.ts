import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createSanitizer } from '../../apps/api/src/import/sanitize.ts';
import { splitTags, textToHtml } from '../../apps/api/src/import/text.ts';
import { fixture } from './helpers.ts';

const REL = 'rel="nofollow noopener noreferrer"';

describe('createSanitizer', () => {
  const sanitize = createSanitizer();

  test('the XSS fixture keeps its prose and loses every script vector', () => {
    const cooked = (
      JSON.parse(readFileSync(fixture('errors/xss.jsonl'), 'utf8')) as { post_stream: { posts: { cooked: string }[] } }
    ).post_stream.posts[0]!.cooked;
    // The iframe becomes a link card: no frame, nothing loaded from its host.
    expect(sanitize(cooked)).toEqual({
      html:
        `<p>Hi</p><a ${REL}>click</a> <a ${REL}>two</a> <a href="https://ok.example/x" ${REL}>ok</a>` +
        `<img src="https://img.example/a.png" /><div class="embed" data-provider="evil.example"><a href="https://evil.example/" ${REL}>https://evil.example/</a></div>` +
        'Send<div>styled</div><table><tr><td>cell</td></tr></table>',
      text: 'Hi\nclick two ok\nSend\nstyled\ncell',
      quotedText: '',
      previewText: 'https://evil.example/',
      contentKind: 'text',
      relativeLinks: 1,
    });
  });

  test.each([
    ['<p onmouseover="x()">a</p>', '<p>a</p>'],
    ['<a href="javascript:alert(1)">a</a>', `<a ${REL}>a</a>`],
    ['<a href=" java\tscript:alert(1)">a</a>', `<a ${REL}>a</a>`],
    ['<a href="data:text/html,<script>alert(1)</script>">a</a>', `<a ${REL}>a</a>`],
    ['<img src="data:image/png;base64,AAAA">', ''],
    ['<img src="javascript:alert(1)">', ''],
    ['<iframe src="javascript:alert(1)"></iframe>b', 'b'],
    [
      '<iframe src="https://x.example/p"></iframe>b',
      `<div class="embed" data-provider="x.example"><a href="https://x.example/p" ${REL}>https://x.example/p</a></div>b`,
    ],
    ['<object data="x"></object><embed src="y">b', 'b'],
    ['<span style="color:red" class="x">b</span>', '<span>b</span>'],
    ['<script>alert(1)</script><noscript>n</noscript>b', 'b'],
    ['<a href="https://x.example" target="_blank" rel="opener">x</a>', `<a href="https://x.example" ${REL}>x</a>`],
    ['<svg><script>alert(1)</script></svg>b', 'b'],
    ['<math><mi>x</mi></math>b', 'b'],
    ['<textarea>t</textarea><select><option>o</option></select>b', 'b'],
    ['<p>unclosed <b>bold', '<p>unclosed <b>bold</b></p>'],
    ['<code class="lang-python hljs">x</code>', '<code class="lang-python">x</code>'],
  ])('%s -> %s', (input, html) => {
    expect(sanitize(input).html).toBe(html);
  });

  test('keeps headings, code, quotes, lists and tables; plain text has a line per block', () => {
    const out = sanitize(
      '<h2>Title</h2><p>a&nbsp;b &lt;tag&gt; &amp;amp; "q"</p><pre><code>def f():\n    return 1\n</code></pre><blockquote><p>quoted</p></blockquote><ol start="3"><li>x</li><li>y</li></ol><table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table><p>line<br>break</p>',
    );
    expect(out.html).toBe(
      '<h2>Title</h2><p>a\u00a0b &lt;tag&gt; &amp;amp; "q"</p><pre><code>def f():\n    return 1\n</code></pre><blockquote><p>quoted</p></blockquote><ol start="3"><li>x</li><li>y</li></ol><table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table><p>line<br />break</p>',
    );
    expect(out.text).toBe('Title\na b <tag> &amp; "q"\ndef f():\nreturn 1\nquoted\nx\ny\nh1 h2\na b\nline\nbreak');
  });

  test('with a base URL, relative links and images become absolute', () => {
    const withBase = createSanitizer('https://discuss.example.org/');
    expect(withBase('<a href="/t/x/1">t</a><img src="/uploads/a.png"><img src="//cdn.example/b.png">').html).toBe(
      `<a href="https://discuss.example.org/t/x/1" ${REL}>t</a><img src="https://discuss.example.org/uploads/a.png" /><img src="https://cdn.example/b.png" />`,
    );
  });

  test('without a base URL, relative images are dropped and relative links become text, and both are counted', () => {
    const out = sanitize(
      '<a href="/t/x/1">t</a><img src="/uploads/a.png"><a href="#fn1">1</a><a href="https://x.example/">x</a>',
    );
    expect(out.html).toBe(`<a ${REL}>t</a><a href="#fn1" ${REL}>1</a><a href="https://x.example/" ${REL}>x</a>`);
    expect(out.relativeLinks).toBe(2);
  });
});

describe('textToHtml', () => {
  test('escapes markup and splits paragraphs', () => {
    expect(textToHtml('First <b>not html</b>\nsame para\n\nNew & more')).toBe(
      '<p>First &lt;b&gt;not html&lt;/b&gt;<br>same para</p><p>New &amp; more</p>',
    );
  });
  test('an empty body is empty', () => {
    expect(textToHtml(' \n\n ')).toBe('');
  });
});

describe('splitTags', () => {
  test.each([
    ['<python><bert>', ['python', 'bert']],
    ['|datasets|hub|', ['datasets', 'hub']],
    ['nlp; bert,nlp', ['nlp', 'bert']],
    [
      [{ name: 'cuda' }, 'hub'],
      ['cuda', 'hub'],
    ],
    [undefined, []],
  ])('%j -> %j', (input, expected) => {
    expect(splitTags(input)).toEqual(expected);
  });
});

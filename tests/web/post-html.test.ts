import { describe, expect, test } from 'vitest';
import { forumOrigin, presentPostHtml } from '../../apps/web/src/components/post-html.ts';

// Stored post HTML (as the import sanitizer writes it) -> what the coder sees: quotes,
// previews and videos labelled as such, images held back, relative links never into the app.

const REL = 'rel="nofollow noopener noreferrer"';
const forum = 'https://discourse.slicer.org';
const quote =
  '<aside class="quote" data-username="martflar" data-post="1" data-topic="11277">\n<div class="title">\n<div></div>\n martflar:</div>\n<blockquote>\n<p>How do I make a histogram?</p>\n</blockquote>\n</aside>\n<p>Use Segment Statistics.</p>';

describe('presentPostHtml', () => {
  test('a quote says whom it quotes and links to the quoted post on the forum', () => {
    expect(presentPostHtml(quote, { forum, loadImages: false }).html).toBe(
      '<aside class="quote" data-username="martflar" data-post="1" data-topic="11277"><div class="block-label">Quote from <strong>martflar</strong> · ' +
        `<a href="${forum}/t/11277/1" rel="nofollow noopener noreferrer">post 1</a></div>\n\n<blockquote>\n<p>How do I make a histogram?</p>\n</blockquote>\n</aside>\n<p>Use Segment Statistics.</p>`,
    );
  });

  test('without the forum address the quoted post is named but not linked', () => {
    const html = presentPostHtml(quote, { loadImages: false }).html;
    expect(html).toContain('Quote from <strong>martflar</strong> · <span>post 1</span>');
    expect(html).not.toContain('href');
  });

  test('a link preview and a video card are labelled with their site and provider', () => {
    const onebox =
      '<aside class="onebox" data-onebox-src="https://huggingface.co/bert-base-uncased"><header class="source"><a href="https://huggingface.co/bert-base-uncased">huggingface.co</a></header><h3>bert-base-uncased</h3></aside>' +
      `<div class="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=kPRA0W1kECg" ${REL}>15 Sorting Algorithms</a></div>`;
    const html = presentPostHtml(onebox, { loadImages: false }).html;
    expect(html).toContain(
      '<aside class="onebox" data-onebox-src="https://huggingface.co/bert-base-uncased"><div class="block-label">Link preview · huggingface.co</div>',
    );
    expect(html).toContain(
      '<div class="embed" data-provider="youtube"><span class="block-label">Video · YouTube</span><a',
    );
  });

  test('images are placeholders with alt text and host until loaded; http ones never load', () => {
    const html =
      '<p><img src="https://us1.discourse-cdn.com/a.jpg" alt="large" /><img src="http://cellprofiler.org/x.png" /></p>';
    const held = presentPostHtml(html, { loadImages: false });
    expect(held).toEqual({
      html:
        '<p><span class="image-placeholder">Image: large (us1.discourse-cdn.com)</span>' +
        '<span class="image-placeholder">Image (cellprofiler.org) · not loaded over http</span></p>',
      heldImages: 1,
      hosts: ['us1.discourse-cdn.com'],
    });
    const loaded = presentPostHtml(html, { loadImages: true });
    expect(loaded.html).toContain('<img src="https://us1.discourse-cdn.com/a.jpg" alt="large">');
    expect(loaded.heldImages).toBe(0);
  });

  test.each([
    ['/u/pieper', forum, `<a href="${forum}/u/pieper">@pieper</a>`],
    ['/u/pieper', undefined, '<a title="/u/pieper (a forum link; its address was not imported)">@pieper</a>'],
    ['t/x/1', forum, '<a title="t/x/1 (a forum link; its address was not imported)">@pieper</a>'],
    ['https://github.com/x', undefined, '<a href="https://github.com/x">@pieper</a>'],
  ])('a link to %s (forum %s) becomes %s', (href, origin, out) => {
    expect(presentPostHtml(`<a href="${href}">@pieper</a>`, { forum: origin, loadImages: false }).html).toBe(out);
  });

  test('the forum origin comes from the thread URL, only when it is http(s)', () => {
    expect(forumOrigin('https://discuss.huggingface.co/t/x/1001')).toBe('https://discuss.huggingface.co');
    expect(forumOrigin('javascript:alert(1)')).toBeUndefined();
    expect(forumOrigin(null)).toBeUndefined();
  });
});

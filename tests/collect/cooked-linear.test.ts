// Post text a forum sends is untrusted: a megabyte crafted to make a regex backtrack must
// still be read in one pass (the old passes took minutes on these). Speed is not timed here;
// each case finishing inside the test timeout, with the right result, is the check.
import { describe, expect, test } from 'vitest';
import { tidyCooked } from '../../apps/api/src/import/discourse/cooked.ts';
import { rewriteEmbeds } from '../../apps/api/src/import/embeds.ts';
import { skipReason } from '../../apps/api/src/import/discourse/post-kinds.ts';

const MB = 1024 * 1024;
const post = (cooked: string) => ({ post_type: 1, cooked });

describe('adversarial cooked of 1 MB', () => {
  test.each([
    ['whitespace', ' \n'.repeat(MB / 2)],
    ['whitespace around a deletion marker', `${' '.repeat(MB)}<p>(post deleted by author)</p>`],
    ['unclosed <img with an emoji class', `<p>class="emoji" ${'<img '.repeat(MB / 5)}`],
    ['unclosed lightbox captions', `<div class="lightbox">${'<div class="meta">'.repeat(MB / 18)}`],
    ['unclosed poll counts', `<div class="poll-info">${'<span class="info-number">'.repeat(MB / 26)}`],
    ['an <img with a megabyte of unclosed class attributes', `class="avatar <img${' class="'.repeat(MB / 8)}`],
  ])('%s: kept whole, not taken for a deleted post', (_, cooked) => {
    expect(tidyCooked(cooked)).toBe(cooked);
    expect(skipReason(post(cooked))).toBeUndefined();
  });
});

describe('the linear passes do what the regexes did', () => {
  test('emoji become their alt text, avatars and site icons go, other images and <imgx> stay, lightbox captions go', () => {
    const cooked =
      '<p>ok <img src="/e.png" class="emoji" alt="&amp;:)"> <imgx class="emoji"> <img class="avatar" src="/a.png">' +
      '<img src="/p.png" alt="photo"></p><div class="lightbox"><div class="meta">image 1234×696 45.6 KB</div></div><div class="meta">';
    expect(tidyCooked(cooked)).toBe(
      '<p>ok &amp;:) <imgx class="emoji"> <img src="/p.png" alt="photo"></p><div class="lightbox"></div><div class="meta">',
    );
  });

  test.each([
    ['(post deleted by author)', 'deleted'],
    ['  <p> (post withdrawn by author, will be automatically deleted in 24 hours unless flagged) </p>\n', 'deleted'],
    ['<p>(post deleted by author)</p><p>and more</p>', undefined],
    ['<p>I saw "(post deleted by author)" above</p>', undefined],
  ])('%j is a deleted post: %s', (cooked, reason) => {
    expect(skipReason(post(cooked))).toBe(reason);
  });
});

describe('adversarial embeds of 1 MB', () => {
  test.each([
    ['unclosed lazy videos', '<div class="lazyYT" data-youtube-id="thExIlffL0I">'.repeat(MB / 50)],
    ['unclosed iframes', '<iframe src="https://player.vimeo.com/video/1">'.repeat(MB / 48)],
    [
      'a lazy video holding a megabyte of unclosed links',
      `<div class="lazy-video-container">${'<a '.repeat(MB / 3)}</div>`,
    ],
  ])('%s: read in one pass', (_, cooked) => {
    const out = rewriteEmbeds(cooked);
    expect(out).not.toContain('<iframe');
    expect(out).not.toContain('lazyYT');
  });
});

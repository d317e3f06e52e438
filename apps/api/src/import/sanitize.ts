// Post HTML -> safe HTML + plain text, in one sanitize-html pass.
// Explicit allowlist: anything not named here is dropped (its text kept, except for
// script/style-like tags whose content is not prose). No style attributes, no event
// handlers (no attribute is allowed by wildcard), no iframes/objects/forms, links only
// http(s)/mailto, images only absolute http(s); a relative link with no base URL to resolve it
// keeps its text but loses its href (it would point into Threadcoder) and is counted.
// What a post says is kept apart from what it shows (zones.ts): `text` is the poster's own
// words; Discourse quotes and link previews / video cards stay in the HTML as marked blocks,
// and their words go to `quotedText` and `previewText`.
// SANITIZER_VERSION is part of the content hash: bumping it makes a re-import rewrite every
// stored post. It stayed 1 when own words were split from quotes (version "2" of the output):
// a re-import of the same dump leaves coded posts and their quotes' offsets as they are, and
// only posts new or changed on the forum get the new shape.
import sanitizeHtml from 'sanitize-html';
import { rewriteEmbeds } from './embeds.ts';
import { type ContentKind, contentKind, openZone, type Zone } from './zones.ts';

export const SANITIZER_VERSION = 1;

export interface SanitizedPost {
  html: string;
  /** The poster's own words. */
  text: string;
  /** Words of the posts it quotes (Discourse quotes), one block per line. */
  quotedText: string;
  /** Words of link previews (oneboxes) and video cards' titles. */
  previewText: string;
  contentKind: ContentKind;
  /** Links and images left relative (no base URL): shown as text, or dropped for images. */
  relativeLinks: number;
}

const allowedTags = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'mark',
  'small',
  'a',
  'img',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'details',
  'summary',
  'div',
  'span',
  'aside',
  'header',
];
// Tags whose content is not readable prose: dropped with the tag.
const nonTextTags = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'template',
  // Iframes become link cards before sanitizing (embeds.ts); one it missed is dropped whole.
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
  'head',
];
// Tags that start a new line in the plain text.
const blockTags = new Set([
  'p',
  'div',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'caption',
  'details',
  'summary',
  'aside',
  'section',
  'article',
  'header',
  'footer',
  'form',
  'figure',
  'figcaption',
  'nav',
  'main',
]);
const REL = ' rel="nofollow noopener noreferrer"';
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LINK_TAG = /<a(\s[^>]*)?>/g;
// Plain-text markers: a block boundary, and entering/leaving <pre> (whose newlines are kept).
// Control characters like these never belong in a post, so the input is cleared of them.
const BLOCK = '\u0003';
const PRE_ON = '\u0001';
const PRE_OFF = '\u0002';
const MARKERS = /[\u0001-\u0003]/g;

export type Sanitizer = (html: string) => SanitizedPost;

/** Builds a sanitizer; with baseUrl, relative links and images (Discourse's /uploads/…) become absolute. */
export function createSanitizer(baseUrl?: string): Sanitizer {
  const absolute = (url: string | undefined): string | undefined => {
    if (url === undefined) return undefined;
    const u = url.trim();
    if (u.startsWith('//')) return `https:${u}`;
    if (!baseUrl || HAS_SCHEME.test(u)) return u;
    try {
      return new URL(u, baseUrl).href;
    } catch {
      return u;
    }
  };
  // State of the current call; calls are synchronous, so sharing it is safe. Plain-text pieces
  // per zone, the zone of each open element, and what was seen.
  let parts: Record<Zone, string[]> = { own: [], quote: [], preview: [], meta: [] };
  let zones: Zone[] = [];
  let seen = { images: 0, blocks: 0, relative: 0 };
  const zone = (): Zone => zones[zones.length - 1] ?? 'own';
  const push = (piece: string) => parts[zone()].push(piece);
  // An href still relative after `absolute` would open a page of Threadcoder: drop it, keep the text.
  const link = (href: string | undefined): string | undefined => {
    const u = absolute(href);
    if (u === undefined || HAS_SCHEME.test(u) || u.startsWith('#')) return u;
    seen.relative++;
    return undefined;
  };
  const options: sanitizeHtml.IOptions = {
    allowedTags,
    nonTextTags,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title'],
      aside: ['data-username', 'data-post', 'data-topic', 'data-onebox-src'],
      div: ['data-provider'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    // RegExps rather than globs: sanitize-html would compile globs again on every call.
    allowedClasses: {
      code: [/^lang-[\w-]+$/, /^language-[\w-]+$/],
      aside: ['quote', 'onebox'],
      div: ['title', 'embed'],
      header: ['source'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => {
        const url = link(attribs.href);
        const out = { ...attribs };
        if (url === undefined) delete out.href;
        else out.href = url;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = absolute(attribs.src);
        if (src !== undefined && !HAS_SCHEME.test(src)) seen.relative++;
        return { tagName, attribs: src === undefined ? attribs : { ...attribs, src } };
      },
      aside: (tagName, attribs) => {
        const src = absolute(attribs['data-onebox-src']);
        const { 'data-onebox-src': _, ...rest } = attribs;
        return { tagName, attribs: src && /^https?:\/\//i.test(src) ? { ...rest, 'data-onebox-src': src } : rest };
      },
    },
    // An image we could not keep an http(s) source for is dropped rather than left broken.
    exclusiveFilter: (frame) => frame.tag === 'img' && !/^https?:\/\//i.test(frame.attribs.src ?? ''),
    onOpenTag: (name, attribs) => {
      const parent = zone();
      const z = openZone(name, attribs.class, parent);
      zones.push(z);
      if (z !== parent && z !== 'meta') seen.blocks++;
      if (name === 'img' && z === 'own' && /^https?:\/\//i.test(absolute(attribs.src) ?? '')) seen.images++;
      if (name === 'pre') push(BLOCK + PRE_ON);
      else if (blockTags.has(name)) push(BLOCK);
      else if (name === 'td' || name === 'th') push(' ');
    },
    onCloseTag: (name) => {
      if (name === 'pre') push(PRE_OFF + BLOCK);
      else if (blockTags.has(name)) push(BLOCK);
      zones.pop();
    },
    textFilter: (text) => {
      push(text);
      return text;
    },
  };
  return (input: string) => {
    parts = { own: [], quote: [], preview: [], meta: [] };
    zones = [];
    seen = { images: 0, blocks: 0, relative: 0 };
    const html = sanitizeHtml(rewriteEmbeds(input.replace(MARKERS, '')), options);
    const text = finishText(parts.own.join(''));
    return {
      // Sanitized output escapes "<" and ">" everywhere but in tags, so this matches link tags only.
      html: html.replace(LINK_TAG, `<a$1${REL}>`),
      text,
      quotedText: finishText(parts.quote.join('')),
      previewText: finishText(parts.preview.join('')),
      contentKind: contentKind(text, seen.blocks, seen.images),
      relativeLinks: seen.relative,
    };
  };
}

const ENTITY = /&(lt|gt|amp|quot);/g;
const ENTITY_CHAR: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

// sanitize-html hands textFilter re-escaped text holding only these four entities.
// Newlines inside <pre> become line breaks; all other whitespace collapses to one space;
// block boundaries become single newlines. A few whole-string passes: this runs per post.
function finishText(raw: string): string {
  const text = raw.includes(PRE_ON) ? keepPreNewlines(raw) : raw;
  return (text.includes('&') ? text.replace(ENTITY, (_, name: string) => ENTITY_CHAR[name] ?? '') : text)
    .replace(/\s+/g, ' ')
    .replace(/[ \u0003]*\u0003[ \u0003]*/g, '\n')
    .trim();
}

function keepPreNewlines(raw: string): string {
  let text = '';
  let pre = 0;
  for (const piece of raw.split(/([\u0001\u0002])/)) {
    if (piece === PRE_ON) pre++;
    else if (piece === PRE_OFF) pre = Math.max(0, pre - 1);
    else text += pre > 0 ? piece.replace(/\n/g, BLOCK) : piece;
  }
  return text;
}

// Post HTML -> safe HTML + plain text, in one sanitize-html pass.
// Explicit allowlist: anything not named here is dropped (its text kept, except for
// script/style-like tags whose content is not prose). No style attributes, no event
// handlers (no attribute is allowed by wildcard), no iframes/objects/forms, links only
// http(s)/mailto/relative, images only absolute http(s). Bump SANITIZER_VERSION whenever
// the output could change: it is part of the content hash, so re-imports re-sanitize.
import sanitizeHtml from 'sanitize-html';

export const SANITIZER_VERSION = 1;

export interface SanitizedPost {
  html: string;
  text: string;
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
  // Plain-text pieces of the current call; calls are synchronous, so sharing them is safe.
  let parts: string[] = [];
  const options: sanitizeHtml.IOptions = {
    allowedTags,
    nonTextTags,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    // RegExps rather than globs: sanitize-html would compile globs again on every call.
    allowedClasses: { code: [/^lang-[\w-]+$/, /^language-[\w-]+$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: attribs.href === undefined ? attribs : { ...attribs, href: absolute(attribs.href)! },
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: attribs.src === undefined ? attribs : { ...attribs, src: absolute(attribs.src)! },
      }),
    },
    // An image we could not keep an http(s) source for is dropped rather than left broken.
    exclusiveFilter: (frame) => frame.tag === 'img' && !/^https?:\/\//i.test(frame.attribs.src ?? ''),
    onOpenTag: (name) => {
      if (name === 'pre') parts.push(BLOCK, PRE_ON);
      else if (blockTags.has(name)) parts.push(BLOCK);
      else if (name === 'td' || name === 'th') parts.push(' ');
    },
    onCloseTag: (name) => {
      if (name === 'pre') parts.push(PRE_OFF, BLOCK);
      else if (blockTags.has(name)) parts.push(BLOCK);
    },
    textFilter: (text) => {
      parts.push(text);
      return text;
    },
  };
  return (input: string) => {
    parts = [];
    const html = sanitizeHtml(input.replace(MARKERS, ''), options);
    // Sanitized output escapes "<" and ">" everywhere but in tags, so this matches link tags only.
    return { html: html.replace(LINK_TAG, `<a$1${REL}>`), text: finishText(parts.join('')) };
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

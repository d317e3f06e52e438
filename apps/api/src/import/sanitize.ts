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
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'a', 'img',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'details', 'summary', 'div', 'span', 'aside',
];
// Tags whose content is not readable prose: dropped with the tag.
const nonTextTags = ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'head'];
// Tags that start a new line in the plain text.
const blockTags = new Set([
  'p', 'div', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'tr', 'caption', 'details', 'summary', 'aside', 'section', 'article', 'header', 'footer', 'form', 'figure', 'figcaption', 'nav', 'main',
]);
const REL = 'nofollow noopener noreferrer';
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

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
  // Plain-text state for the current call; calls are synchronous, so module-level reuse is safe.
  let parts: string[] = [];
  let preDepth = 0;
  const options: sanitizeHtml.IOptions = {
    allowedTags,
    nonTextTags,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedClasses: { code: ['lang-*', 'language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, href: absolute(attribs.href) ?? '', rel: REL } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: absolute(attribs.src) ?? '' } }),
    },
    // An image we could not keep an http(s) source for is dropped rather than left broken.
    exclusiveFilter: (frame) => frame.tag === 'img' && !/^https?:\/\//i.test(frame.attribs.src ?? ''),
    onOpenTag: (name) => {
      if (blockTags.has(name)) parts.push('\n');
      else if (name === 'td' || name === 'th') parts.push(' ');
      if (name === 'pre') preDepth++;
    },
    onCloseTag: (name) => {
      if (blockTags.has(name)) parts.push('\n');
      if (name === 'pre' && preDepth > 0) preDepth--;
    },
    textFilter: (text) => {
      parts.push(preDepth > 0 ? text : text.replace(/\s+/g, ' '));
      return text;
    },
  };
  return (input: string) => {
    parts = [];
    preDepth = 0;
    const html = sanitizeHtml(input, options);
    return { html, text: finishText(parts.join('')) };
  };
}

const ENTITY = /&(lt|gt|amp|quot);/g;
const ENTITY_CHAR: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

// sanitize-html hands textFilter re-escaped text holding only these four entities.
function finishText(raw: string): string {
  return raw
    .replace(ENTITY, (_, name: string) => ENTITY_CHAR[name] ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

// Discourse's `cooked` HTML carries decoration that would read as noise in the plain text
// once sanitized: lightbox captions ("image 1234×696 45.6 KB"), a poll's cooked-in voter
// count (always "0 voters": results live elsewhere), quote avatars and onebox site icons, emoji images (whose
// meaning is their alt text). Cheap string passes, each only when its marker is present:
// most posts have none. Elements are found with indexOf, not a lazy regex: on cooked with many
// unclosed "<img " or '<div class="meta">' a regex rescans to the end from each one (minutes
// for a megabyte); indexOf goes through the text once.
import { escapeHtml } from '../text.ts';

const POLL_INFO = /<span class="info-(number|label|text)">[^<]*<\/span>/g;
const CLASS = /\bclass="([^"]*)"/;
const ALT = /\balt="([^"]*)"/;

export function tidyCooked(html: string): string {
  let out = html;
  if (out.includes('lightbox')) out = replaceSpans(out, '<div class="meta">', '</div>', () => '');
  if (out.includes('poll-info')) out = out.replace(POLL_INFO, '');
  if (out.includes('class="avatar') || out.includes('class="site-icon') || out.includes('class="emoji'))
    out = replaceSpans(out, '<img', '>', decoration);
  return out;
}

/** Each span from `open` to the first `close` after it, replaced by `replace(span)`; an unclosed one is left as it is. */
function replaceSpans(html: string, open: string, close: string, replace: (span: string) => string): string {
  let out = '';
  let from = 0;
  for (let at = html.indexOf(open); at !== -1; at = html.indexOf(open, from)) {
    // "<img" must end the tag name ("<imgx" is another element), as \b did.
    if (/\w/.test(html.charAt(at + open.length)) && /\w$/.test(open)) {
      out += html.slice(from, at + open.length);
      from = at + open.length;
      continue;
    }
    const end = html.indexOf(close, at + open.length);
    if (end === -1) break;
    out += html.slice(from, at) + replace(html.slice(at, end + close.length));
    from = end + close.length;
  }
  return out + html.slice(from);
}

function decoration(tag: string): string {
  const classes = CLASS.exec(tag)?.[1]?.split(/\s+/) ?? [];
  if (classes.includes('avatar') || classes.includes('site-icon')) return '';
  if (classes.includes('emoji')) return escapeHtml(unescapeAttr(ALT.exec(tag)?.[1] ?? ''));
  return tag;
}

// Attribute values arrive HTML-escaped; escape once, not twice.
function unescapeAttr(v: string): string {
  return v.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );
}

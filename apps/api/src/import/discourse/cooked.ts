// Discourse's `cooked` HTML carries decoration that would read as noise in the plain text
// once sanitized: lightbox captions ("image 1234×696 45.6 KB"), a poll's cooked-in voter
// count (always "0 voters": results live elsewhere), quote avatars and onebox site icons, emoji images (whose
// meaning is their alt text). Cheap string passes, each only when its marker is present:
// most posts have none.
import { escapeHtml } from '../text.ts';

const LIGHTBOX_META = /<div class="meta">[\s\S]*?<\/div>/g;
const POLL_INFO = /<span class="info-(number|label|text)">[^<]*<\/span>/g;
const IMG = /<img\b[^>]*>/g;
const CLASS = /\bclass="([^"]*)"/;
const ALT = /\balt="([^"]*)"/;

export function tidyCooked(html: string): string {
  let out = html;
  if (out.includes('lightbox')) out = out.replace(LIGHTBOX_META, '');
  if (out.includes('poll-info')) out = out.replace(POLL_INFO, '');
  if (out.includes('class="avatar') || out.includes('class="site-icon') || out.includes('class="emoji')) out = out.replace(IMG, decoration);
  return out;
}

function decoration(tag: string): string {
  const classes = CLASS.exec(tag)?.[1]?.split(/\s+/) ?? [];
  if (classes.includes('avatar') || classes.includes('site-icon')) return '';
  if (classes.includes('emoji')) return escapeHtml(unescapeAttr(ALT.exec(tag)?.[1] ?? ''));
  return tag;
}

// Attribute values arrive HTML-escaped; escape once, not twice.
function unescapeAttr(v: string): string {
  return v.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

// Video embeds -> link cards, before sanitizing. Forums embed videos as elements the allowlist
// drops or empties: Discourse's lazy videos (`<div class="youtube-onebox lazy-video-container"
// data-video-id data-video-title data-provider-name>`, the same for Vimeo and TikTok), the older
// lazyYT plugin (`<div class="lazyYT" data-youtube-id data-youtube-title></div>`, empty) and
// iframes (YouTube, Vimeo, anything else). Each becomes
//   <div class="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=ID">Title</a></div>
// which the sanitizer keeps: a link, no iframe, nothing fetched from the video's host.
// Elements are found with indexOf and one fixed-pattern regex (no backtracking over the text).
import { escapeHtml } from './text.ts';

const START = /<(div|iframe)\b/gi;
const ATTR = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const ENTITY = /&(amp|lt|gt|quot|#39|#x27);/g;
const ENTITY_CHAR: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

interface Card {
  provider: string;
  url: string;
  title: string;
}

// Plain substring checks: this runs on every post, and most have no embed.
function hasEmbeds(html: string): boolean {
  return html.includes('lazy') || html.includes('<iframe') || html.includes('<IFRAME');
}

export function rewriteEmbeds(html: string): string {
  if (!hasEmbeds(html)) return html;
  let out = '';
  let from = 0;
  // Where a closing tag was last looked for in vain: none follows any later position either,
  // so a crafted post of many unclosed embeds is still read once, not once per embed.
  const unclosedFrom: Record<string, number> = {};
  START.lastIndex = 0;
  for (let m = START.exec(html); m; m = START.exec(html)) {
    const at = m.index;
    if (at < from) continue;
    const tagEnd = html.indexOf('>', at);
    if (tagEnd === -1) break;
    const tag = m[1]!.toLowerCase();
    const attrs = attributes(html.slice(at, tagEnd));
    const classes = ` ${attrs.class ?? ''} `;
    const isLazy = tag === 'div' && (classes.includes(' lazy-video-container ') || classes.includes(' lazyYT '));
    if (tag === 'div' && !isLazy) continue;
    const close = closingTag(html, tag, tagEnd + 1, unclosedFrom);
    const inner = html.slice(tagEnd + 1, close.start);
    const card = tag === 'iframe' ? iframeCard(attrs) : lazyCard(attrs, inner);
    out += html.slice(from, at) + (card ? cardHtml(card) : '');
    from = close.end;
    START.lastIndex = from;
  }
  return out + html.slice(from);
}

/** Where the element's closing tag is; an unclosed one ends with its opening tag. */
function closingTag(
  html: string,
  tag: string,
  after: number,
  unclosedFrom: Record<string, number>,
): { start: number; end: number } {
  const none = { start: after, end: after };
  if (after >= (unclosedFrom[tag] ?? Number.POSITIVE_INFINITY)) return none;
  const re = new RegExp(`</${tag}\\s*>`, 'gi');
  re.lastIndex = after;
  const m = re.exec(html);
  if (m) return { start: m.index, end: m.index + m[0].length };
  unclosedFrom[tag] = after;
  return none;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR))
    out[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').replace(ENTITY, (_, e: string) => ENTITY_CHAR[e] ?? '');
  return out;
}

const providers: Record<string, { name: string; url: (id: string) => string; id: RegExp }> = {
  youtube: { name: 'YouTube', url: (id) => `https://www.youtube.com/watch?v=${id}`, id: /^[\w-]{6,20}$/ },
  vimeo: { name: 'Vimeo', url: (id) => `https://vimeo.com/${id}`, id: /^\d+(\/\w+)?$/ },
  tiktok: { name: 'TikTok', url: (id) => `https://www.tiktok.com/embed/v2/${id}`, id: /^\d+$/ },
};

function lazyCard(a: Record<string, string>, inner: string): Card | null {
  const provider = (a['data-provider-name'] ?? (a['data-youtube-id'] ? 'youtube' : '')).toLowerCase();
  const id = (a['data-video-id'] ?? a['data-youtube-id'] ?? '').trim();
  const title = (a['data-video-title'] ?? a['data-youtube-title'] ?? '').trim();
  const known = providers[provider];
  // The cooked link inside (if any) is the address Discourse itself would open.
  // Only its first tags: the search must not rescan a crafted megabyte once per "<a".
  const innerHref = /<a\b[^>]*\bhref="(https?:\/\/[^"]+)"/i.exec(inner.slice(0, 2000))?.[1];
  const url = innerHref ?? (known?.id.test(id) ? known.url(id) : undefined);
  if (!url) return null;
  return { provider: provider || 'video', url, title: title || `${known?.name ?? 'Video'} ${id}`.trim() };
}

function iframeCard(a: Record<string, string>): Card | null {
  const src = httpUrl(a.src);
  if (!src) return null;
  const host = src.hostname.replace(/^www\./, '');
  const youtubeId = /(?:^|\.)youtube(?:-nocookie)?\.com$/.test(host)
    ? /^\/embed\/([\w-]{6,20})/.exec(src.pathname)
    : null;
  const vimeoId = host === 'player.vimeo.com' ? /^\/video\/(\d+)/.exec(src.pathname) : null;
  // Discourse keeps the address the poster pasted in data-original-href.
  const original = httpUrl(a['data-original-href'])?.href;
  const title = (a.title ?? '').trim();
  if (youtubeId) {
    const url = original ?? providers.youtube!.url(youtubeId[1]!);
    return { provider: 'youtube', url, title: title || `YouTube ${youtubeId[1]}` };
  }
  if (vimeoId) {
    const url = original ?? providers.vimeo!.url(vimeoId[1]!);
    return { provider: 'vimeo', url, title: title || `Vimeo ${vimeoId[1]}` };
  }
  const url = original ?? src.href;
  return { provider: host, url, title: title || url };
}

function httpUrl(value: string | undefined): URL | undefined {
  try {
    const u = new URL((value ?? '').trim().replace(/^\/\//, 'https://'));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function cardHtml(c: Card): string {
  return `<div class="embed" data-provider="${escapeHtml(c.provider)}"><a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a></div>`;
}

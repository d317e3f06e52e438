// How a post's stored HTML (sanitized at import, see apps/api/src/import/) is shown: each
// block that is not the poster's own words says what it is, and nothing in it makes the
// coder's browser contact another site unless the coder asks.
// - Quotes (aside.quote): "Quote from NAME · post N", linked to the quoted post on the forum.
// - Link previews (aside.onebox): "Link preview · SITE".
// - Video cards (div.embed): "Video · PROVIDER" before the link.
// - Images: a placeholder with alt text and host, unless `loadImages`; only https: ones load.
// - Links: a relative one (imported without the forum's address) is resolved against the
//   forum when its address is known, and otherwise shown as text, never as a link into the app.
// Parsed with DOMParser: its document is inert (no image loads, no script runs).

export interface PostHtmlOptions {
  /** The forum's origin, e.g. https://discuss.huggingface.co (from the thread's URL), if known. */
  forum?: string;
  loadImages: boolean;
}

export interface PresentedPost {
  html: string;
  /** Images shown as placeholders that could load (https:), for a "Load images" button. */
  heldImages: number;
  hosts: string[];
}

const providerNames: Record<string, string> = { youtube: 'YouTube', vimeo: 'Vimeo', tiktok: 'TikTok' };

export function forumOrigin(threadUrl: string | null | undefined): string | undefined {
  if (!threadUrl) return undefined;
  try {
    const u = new URL(threadUrl);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function presentPostHtml(html: string, options: PostHtmlOptions): PresentedPost {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const el = (tag: string, className: string, text?: string) => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  for (const a of doc.querySelectorAll('a')) fixLink(a, options.forum);
  for (const quote of doc.querySelectorAll('aside.quote')) {
    const head = el('div', 'block-label');
    head.append(`Quote from `, el('strong', '', quote.getAttribute('data-username') ?? 'someone'));
    const post = quote.getAttribute('data-post');
    const topic = quote.getAttribute('data-topic');
    if (post && /^\d+$/.test(post)) {
      head.append(' · ');
      const target = options.forum && topic && /^\d+$/.test(topic) ? `${options.forum}/t/${topic}/${post}` : undefined;
      const ref = target ? el('a', '', `post ${post}`) : el('span', '', `post ${post}`);
      if (target) {
        ref.setAttribute('href', target);
        ref.setAttribute('rel', 'nofollow noopener noreferrer');
      }
      head.append(ref);
    }
    quote.querySelector(':scope > div.title')?.remove();
    quote.prepend(head);
  }
  for (const preview of doc.querySelectorAll('aside.onebox')) {
    const site =
      preview.querySelector('header.source')?.textContent?.trim() || hostOf(preview.getAttribute('data-onebox-src'));
    preview.prepend(el('div', 'block-label', `Link preview${site ? ` · ${site}` : ''}`));
  }
  for (const embed of doc.querySelectorAll('div.embed')) {
    const provider = embed.getAttribute('data-provider') ?? '';
    embed.prepend(el('span', 'block-label', `Video · ${providerNames[provider] ?? (provider || 'link')}`));
  }
  let heldImages = 0;
  const hosts = new Set<string>();
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const secure = /^https:\/\//i.test(src);
    if (secure && options.loadImages) continue;
    const host = hostOf(src);
    const alt = img.getAttribute('alt')?.trim();
    const holder = el('span', 'image-placeholder', `Image${alt ? `: ${alt}` : ''}${host ? ` (${host})` : ''}`);
    if (secure) {
      heldImages++;
      if (host) hosts.add(host);
    } else holder.append(' · not loaded over http');
    img.replaceWith(holder);
  }
  return { html: doc.body.innerHTML, heldImages, hosts: [...hosts] };
}

function fixLink(a: HTMLAnchorElement, forum: string | undefined): void {
  const href = a.getAttribute('href');
  if (href === null || /^(https?:|mailto:)/i.test(href) || href.startsWith('#')) return;
  if (forum && href.startsWith('/') && !href.startsWith('//')) a.setAttribute('href', `${forum}${href}`);
  else {
    a.removeAttribute('href');
    a.setAttribute('title', `${href} (a forum link; its address was not imported)`);
  }
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

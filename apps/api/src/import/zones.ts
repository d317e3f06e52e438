// Which part of a post an element's words belong to. Discourse marks what a poster did not
// write: a quote is `<aside class="quote" data-username data-post data-topic>` with the quoted
// name in `<div class="title">` and the words in a <blockquote>; a link preview (onebox) is
// `<aside class="onebox …">` with its site in `<header class="source">`, then the linked
// page's title and description; embeds.ts turns videos into `<div class="embed">` cards.
// The words of each go to their own column; titles, site names and metadata to none.

/** own: the poster's words; quote: quoted posts; preview: link previews and video titles; meta: labels. */
export type Zone = 'own' | 'quote' | 'preview' | 'meta';

/**
 * text: the poster wrote something; image_only: images and no words; embed_only: only quotes,
 * link previews or videos; empty: nothing at all. Sampling leaves all but text out by default.
 */
export type ContentKind = 'text' | 'empty' | 'image_only' | 'embed_only';

export function openZone(tag: string, classAttr: string | undefined, parent: Zone): Zone {
  // Most elements (p, a, code, li…) are none of these: answered before any string work.
  if (parent === 'meta' || (tag !== 'aside' && tag !== 'div' && tag !== 'header')) return parent;
  if (tag === 'header') return parent === 'preview' ? 'meta' : parent;
  if (!classAttr) return parent;
  const classes = ` ${classAttr} `;
  if (tag === 'aside' && classes.includes(' quote ')) return 'quote';
  if (tag === 'aside' && classes.includes(' onebox ')) return 'preview';
  if (tag === 'div' && classes.includes(' embed ')) return 'preview';
  if (parent === 'quote' && tag === 'div' && classes.includes(' title ')) return 'meta';
  if (parent === 'preview' && tag === 'div' && classes.includes(' onebox-metadata ')) return 'meta';
  return parent;
}

/** `blocks`: quotes, previews and embeds seen; `images`: images among the poster's own content. */
export function contentKind(ownText: string, blocks: number, images: number): ContentKind {
  if (ownText !== '') return 'text';
  if (blocks > 0) return 'embed_only';
  return images > 0 ? 'image_only' : 'empty';
}

/**
 * The API paths (without query) index.html preloads for this page. The server lists only what the
 * signed-in member may ask for (apps/api/src/http/page-preloads.ts), so their presence is that check.
 */
export function preloadedApiPaths(doc: Document): Set<string> {
  const links = doc.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]');
  return new Set([...links].map((link) => new URL(link.href).pathname));
}

import { preloadRoute } from './preload-route.ts';

/**
 * Fetches a page's chunks when the pointer rests on (or the keyboard focuses) a link to it, so the
 * click opens the page without a fallback. One listener for every link of the app; only on intent,
 * since evaluating every page's chunk up front (the charts) competes with the page being opened.
 */
export function preloadOnIntent(): void {
  const onIntent = (event: Event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return;
    void preloadRoute(link.pathname);
  };
  document.addEventListener('pointerover', onIntent, { passive: true });
  document.addEventListener('focusin', onIntent);
}

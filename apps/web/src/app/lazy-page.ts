import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A page loaded as its own chunk, whose chunk can be fetched before the page is rendered. */
type LazyPage<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => Promise<unknown> };

/**
 * React.lazy with a preload. A lazy page that suspends shows its fallback, and React then holds the
 * page back for at least 300 ms (its fallback throttle): two nested pages cost 600 ms. Once the
 * chunk is preloaded, the page's thenable calls back at once, so React renders it without suspending.
 */
export function lazyPage<P>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    loading ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        loading = undefined; // a failed chunk is asked for again the next time
        throw error;
      },
    );
    return loading;
  };
  const page = lazy(() => {
    const ready = loaded;
    if (!ready) return preload().then((p) => ({ default: p }));
    // biome-ignore lint/suspicious/noThenProperty: React.lazy takes any thenable; this one calls back at once.
    const now = { then: (resolve: (m: { default: ComponentType<P> }) => void) => resolve({ default: ready }) };
    return now as unknown as Promise<{ default: ComponentType<P> }>;
  });
  return Object.assign(page, { preload });
}

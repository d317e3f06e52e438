import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has no layout: charts and virtual lists ask for sizes through these.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// The app loads each page as its own chunk (app/lazy-pages.ts). Loaded here once, the pages are
// already in the module cache when a test renders them, so no test waits on a module's first transform.
await Promise.all(Object.values(import.meta.glob('../../apps/web/src/features/*/*-page.tsx')).map((load) => load()));
await import('../../apps/web/src/features/studies/study-layout.tsx');
await import('../../apps/web/src/features/studies/study-overview.tsx');

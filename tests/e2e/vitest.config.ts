import { defineConfig } from 'vitest/config';

// Browser suite: one server for all files (global setup), Chromium driven by playwright-core.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A browser under CI load can take seconds to refetch after an action.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});

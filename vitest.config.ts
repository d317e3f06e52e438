import { defineConfig } from 'vitest/config';

// Two projects: pure logic and the API run in Node; React components run in jsdom.
// The browser suite (tests/e2e) has its own config and runs with `npm run test:e2e`, the crash
// tests (tests/durability) theirs with `npm run test:durability`.
// The API reads templates from here in tests: the flat template of earlier releases, whose code ids
// the tests use (the shipped complete template is tested in tests/taxonomy/templates.test.ts).
const FLAT_TEMPLATES = { THREADCODER_TEMPLATES: 'tests/fixtures/templates' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          // Every test folder but the jsdom, browser and crash suites, so a new folder needs no line here.
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/{web,e2e,durability}/**'],
          testTimeout: 20_000,
          env: FLAT_TEMPLATES,
        },
      },
      {
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['tests/web/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/web/setup.ts'],
          testTimeout: 20_000,
          env: FLAT_TEMPLATES,
        },
      },
    ],
  },
});

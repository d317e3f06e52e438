import { defineConfig } from 'vitest/config';

// Crash and concurrency tests against the real server in a child process (50,000-post imports,
// 32 coders saving, SIGKILL): about two CPU-minutes, so `npm run test:durability` runs them
// apart from `npm test`. One file at a time: each keeps both cores busy on its own.
export default defineConfig({
  test: {
    name: 'durability',
    environment: 'node',
    include: ['tests/durability/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

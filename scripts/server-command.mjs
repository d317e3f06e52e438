// The server's command line and environment, one for `npm start` (start.mjs) and for the
// benchmarks and crash tests (bench/lib/server-process.ts), so both run it with the same memory settings.
import { join } from 'node:path';

/**
 * --max-semi-space-size=4 (MB): the request thread's young generation. V8's default lets it grow to
 * 2 × 16 MB while coders save and a download streams; at 4 its heap stayed near 47 MB instead of
 * 70-90 MB under `npm run bench -- save-under-load` (issue #20: peak RSS ≤ 400 MB), the save p99 still
 * within its target (more frequent scavenges cost some: the save median was 1.45 ms against 1.13 before).
 * The worker threads set their own limits (apps/api/src/workers/worker-memory.ts).
 */
const serverNodeFlags = ['--max-semi-space-size=4'];

/** Node's arguments that run the server of the checkout at `root`. */
export const serverArgs = (root) => [...serverNodeFlags, '--import', 'tsx', join(root, 'apps/api/src/server.ts')];

/**
 * MALLOC_ARENA_MAX=2: glibc gives each thread that mallocs (the request thread, the task workers and
 * their replacements, the search catch-up, the checkpointer, libuv's pool) an arena of its own, and
 * what one frees stays in it. With 2, the server's malloc'd memory at its peak under save-under-load
 * (100k, smaps) was 64 MB instead of 116 MB. An operator's own MALLOC_ARENA_MAX is kept.
 */
export const serverEnv = (env) => ({ ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' });

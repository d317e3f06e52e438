// `threadcoder collect` against the replay server and a temporary database (THREADCODER_DB).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../apps/api/src/cli/collect.ts';
import { openCollection } from '../../apps/api/src/collect/collector.ts';
import { resolveOptions } from '../../apps/api/src/collect/options.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import topic100 from '../fixtures/discourse-api/t/100.json' with { type: 'json' };
import { generateForum } from '../support/replay-forum.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer;
let dir: string;
let out: string[];
let err: string[];
let onError: (line: string) => void;
beforeEach(async () => {
  server = await startReplayServer();
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-collect-cli-'));
  process.env.THREADCODER_DB = join(dir, 'cli.db');
  process.env.THREADCODER_COLLECT_ALLOW_PRIVATE = '1'; // the replay server is on 127.0.0.1
  out = [];
  err = [];
  onError = () => {};
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => {
    err.push(s);
    onError(s);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.THREADCODER_DB;
  delete process.env.THREADCODER_COLLECT_ALLOW_PRIVATE;
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});

describe('threadcoder collect', () => {
  test('collects, shows progress on stderr and prints what it stored', async () => {
    expect(await run([server.url, '--source', 'hf', '--max-topics', '2', '--rate', '10'])).toBe(0);
    expect(err).toEqual([
      `Starting collection #1: ${server.url} into "hf" at 10 request(s)/s.`,
      'topics 0/2 · posts 0/5 · 2 requests · ETA 0:01 for the topics listed so far',
      'topics 1/2 · posts 1/5 · 3 requests · ETA 0:01 for the topics listed so far',
      'topics 2/2 · posts 5/5 · 4 requests · ETA 0:00 for the topics listed so far',
    ]);
    expect(out).toEqual([
      [
        `Collected ${server.url} into "hf" (collection #1, 4 requests).`,
        'Threads 2 new, 0 updated, 0 unchanged; posts 3 new, 0 updated, 0 unchanged; 0 topics unchanged since the last run, not fetched.',
        'Skipped 1 Discourse whispers (post_type 4: staff-only notes).',
        'Skipped 1 Discourse small-action posts (post_type 3: topic closed, pinned, …).',
      ].join('\n'),
    ]);
  });

  test('--whole-forum walks /latest.json and /posts.json instead of each topic', async () => {
    const forum = await startReplayServer('', generateForum(5, 40));
    try {
      expect(await run([forum.url, '--source', 'hf', '--whole-forum', '--rate', '10'])).toBe(0);
      expect(forum.log).toEqual(['/site.json', '/latest.json', '/posts.json', '/posts.json?before=50000']);
      expect(out[0]).toMatch(
        /^Collected .* into "hf" \(collection #1, 4 requests\)\.\nThreads 5 new, 0 updated, 0 unchanged; posts 40 new, 0 updated, 0 unchanged;/,
      );
      expect(await run([forum.url, '--whole-forum', '--category', 'beginners'])).toBe(2);
      expect(err.at(-1)).toMatch(/^--whole-forum collects every topic; for one category/);
    } finally {
      await forum.close();
    }
  });

  test('Ctrl-C stops after the current topic (exit 130); the same command resumes', async () => {
    let pressed = false;
    onError = (line) => {
      if (pressed || !line.startsWith('topics 1/')) return;
      pressed = true;
      process.emit('SIGINT');
    };
    expect(await run([server.url, '--source', 'hf', '--max-topics', '3', '--rate', '10'])).toBe(130);
    expect(err).toContain('\nStopping after the current topic (Ctrl-C again to quit at once)…');
    expect(err.at(-1)).toBe(
      'Stopped collection #1; run the same command again to resume.\nThreads 1 new, 0 updated, 0 unchanged; posts 1 new, 0 updated, 0 unchanged; 0 topics unchanged since the last run, not fetched.',
    );
    onError = () => {};
    err.length = 0;
    server.log.length = 0;
    expect(await run([server.url, '--source', 'hf', '--max-topics', '3', '--rate', '10'])).toBe(0);
    expect(err[0]).toBe(`Resuming collection #1: ${server.url} into "hf" at 10 request(s)/s.`);
    expect(server.log.filter((p) => p.startsWith('/t/') && !p.includes('posts.json'))).toEqual([
      '/t/205.json',
      '/t/204.json',
    ]);
  });

  test.each([
    [
      ['not a url'],
      '"not a url" is not a web address; give the forum\'s address, e.g. https://discuss.huggingface.co.',
    ],
    [['https://x.org', '--rate', 'fast'], 'The rate must be more than 0 and at most 10 requests per second, not NaN.'],
    [
      ['https://x.org', '--max-topics', '2.5'],
      'The most topics to collect must be a whole number of 1 or more, not 2.5.',
    ],
    [
      [],
      'Usage: threadcoder collect <forum-url> [--source name] [--category slug] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--max-topics N] [--whole-forum] [--rate requests/s] [--max-retries N]',
    ],
  ])('%j is refused with exit 2', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(err[0]!.split('\n')[0]).toBe(message);
  });

  test('a topic of 2,000 posts is in the search index when the command ends (its indexing was left for catch-up)', async () => {
    const first = topic100.post_stream.posts[0]!;
    const posts = Array.from({ length: 2000 }, (_, i) => ({
      ...first,
      id: 5000 + i,
      post_number: i + 1,
      cooked: `<p>Reply ${i + 1} about quokkas.</p>`,
    }));
    server.replace('/t/100.json', {
      ...topic100,
      posts_count: 2000,
      post_stream: { posts, stream: posts.map((p) => p.id) },
    });
    expect(await run([server.url, '--max-topics', '1', '--rate', '10'])).toBe(0);
    expect(err.at(-2)).toBe('Search index: indexing 2000 posts…');
    expect(err.at(-1)).toMatch(/^Search index: caught up in \d+\.\d s\.$/);
    const db = openDb();
    try {
      expect(db.prepare('SELECT count(*) FROM posts_unindexed').pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'quokkas'").pluck().get()).toBe(2000);
    } finally {
      db.close();
    }
  });

  test('a collection another process is running is refused (exit 2), and left to that process', async () => {
    const db = openDb();
    openCollection(db, resolveOptions({ forumUrl: server.url, source: 'hf' }));
    db.close();
    expect(await run([server.url, '--source', 'hf'])).toBe(2);
    expect(err.at(-1)).toBe(
      'Collection failed (collect.busy): Collection #1 is already running (in the server or another threadcoder collect); wait for it to end or stop it. If the process running it died, starting the server marks it stopped.',
    );
    expect(server.log).toEqual([]);
  });

  test('a forum that keeps failing: exit 1 with the reason', async () => {
    server.fail('/latest.json', { status: 503 }, { status: 503 });
    expect(await run([server.url, '--rate', '10', '--max-retries', '1'])).toBe(1);
    expect(err.at(-1)!.split('\n')[0]).toBe(
      'Collection #1 failed (collect.gave_up): The forum kept failing: /latest.json failed 2 times; last: HTTP 503. Run the same collection again to resume.',
    );
  });
});

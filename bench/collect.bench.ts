// Requests a collection needs, per 1,000 stored posts, on the replay of a 60-topic, 1,015-post
// Discourse forum (tests/support/replay-forum.ts served by tests/collect/replay-server.ts):
// topic by topic vs --whole-forum. Waits are virtual (a clock that jumps), so the wall time is
// the collector's own work; hours at the polite 1 request/s follow from the requests.
// Median of 3 runs each. Goal: whole-forum <= 25 requests per 1,000 posts. Run: npm run bench -- collect
import { executeCollection, openCollection } from '../apps/api/src/collect/collector.ts';
import { resolveOptions } from '../apps/api/src/collect/options.ts';
import { openDb } from '../apps/api/src/db/open.ts';
import { FakeClock } from '../tests/collect/fake-clock.ts';
import { startReplayServer } from '../tests/collect/replay-server.ts';
import { generateForum } from '../tests/support/replay-forum.ts';

const forum = generateForum(60, 1015);
const server = await startReplayServer('', forum);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function once(wholeForum: boolean): Promise<{ requests: number; posts: number; ms: number }> {
  const db = openDb(':memory:');
  try {
    const start = performance.now();
    const { id } = openCollection(db, resolveOptions({ forumUrl: server.url, source: 'forum', wholeForum }));
    const record = await executeCollection(db, id, { clock: new FakeClock(), allowPrivate: true, random: () => 0 });
    if (record.status !== 'succeeded') throw new Error(`collection ${record.status}: ${record.error?.message}`);
    const posts = db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
    return { requests: record.progress.requests, posts, ms: performance.now() - start };
  } finally {
    db.close();
  }
}

try {
  console.log(`forum: ${forum.topics} topics, ${forum.storedPosts} posts to store`);
  console.log('mode            requests  per 1,000 posts  hours for 10^5 topics at 1 req/s  wall ms');
  for (const [name, whole] of [
    ['topic by topic', false],
    ['whole forum', true],
  ] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await once(whole));
    const requests = median(runs.map((r) => r.requests));
    const perThousand = (requests / runs[0]!.posts) * 1000;
    // The same forum shape, scaled to 10^5 topics (the Hugging Face forum's size).
    const hours = (requests * (100_000 / forum.topics)) / 3600;
    console.log(
      `${name.padEnd(14)}  ${String(requests).padStart(8)}  ${perThousand.toFixed(1).padStart(15)}  ${hours.toFixed(1).padStart(33)}  ${median(
        runs.map((r) => r.ms),
      )
        .toFixed(0)
        .padStart(7)}`,
    );
  }
} finally {
  await server.close();
}

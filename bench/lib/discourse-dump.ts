// Writes a seeded synthetic Discourse dump as JSONL (one /t/{id}.json topic per line):
// `topics` topics holding exactly `posts` posts, spread over four years, bodies 200-2,000 chars.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { htmlBody } from './html-body.ts';
import { rng } from './prng.ts';

export interface DumpOptions {
  topics: number;
  posts: number;
  seed?: number;
}

const START = Date.UTC(2020, 0, 1);
const SPAN = Date.UTC(2024, 0, 1) - START;
const users = Array.from({ length: 2000 }, (_, i) => `user${i}`);
const tags = [
  'transformers',
  'datasets',
  'tokenizers',
  'hub',
  'spaces',
  'accelerate',
  'peft',
  'diffusers',
  'inference',
  'gradio',
  'cuda',
  'training',
];

export async function writeDiscourseDump(path: string, o: DumpOptions): Promise<{ bytes: number }> {
  const r = rng(o.seed ?? 42);
  // Every topic has at least one post; the rest are dealt out at random.
  const counts = new Array<number>(o.topics).fill(1);
  for (let i = o.topics; i < o.posts; i++) counts[r.int(0, o.topics - 1)]!++;
  const out = createWriteStream(path);
  let bytes = 0;
  let postId = 1;
  for (let t = 0; t < o.topics; t++) {
    let at = START + Math.floor(r.next() * SPAN);
    const posts = [];
    for (let n = 1; n <= counts[t]!; n++) {
      if (n > 1) at += r.int(60_000, 3 * 86_400_000);
      const likes = r.int(0, 8);
      posts.push({
        id: postId++,
        post_number: n,
        post_type: 1,
        username: r.zipf(users),
        created_at: new Date(at).toISOString(),
        cooked: htmlBody(r, r.int(200, 2000)),
        reply_to_post_number: n > 1 && r.next() < 0.4 ? r.int(1, n - 1) : null,
        ...(r.next() < 0.5 ? { like_count: likes } : { actions_summary: [{ id: 2, count: likes }] }),
      });
    }
    const id = 1000 + t;
    const topic = {
      id,
      title: `Topic ${id}: ${htmlBody(r, 10)
        .replace(/<[^>]+>/g, '')
        .slice(0, 60)}`,
      slug: `topic-${id}`,
      created_at: posts[0]!.created_at,
      category_id: r.int(1, 12),
      tags: [r.pick(tags), r.pick(tags)].filter((x, i, a) => a.indexOf(x) === i),
      views: r.int(5, 5000),
      posts_count: posts.length,
      post_stream: { posts },
    };
    const line = `${JSON.stringify(topic)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes };
}

// Phase 1 of an import: parsed threads -> checked, hashed, sanitized rows in staging.
// Runs without any write lock on the real database. Sanitizing happens in batches on the
// pool while parsing goes on; batches are staged in file order, and at most `depth` are in
// flight so memory stays bounded when the parser is faster than the sanitizers.
import { importErrors } from './errors.ts';
import type { SanitizePool } from './pool.ts';
import type { ReportBuilder } from './report.ts';
import type { PreparedPost, Staging } from './staging.ts';
import { contentHash } from './text.ts';
import type { ImportLimits, ImportProgress, LocatedThread, NormalizedThread, ParsedItem } from './types.ts';

export interface PrepareOptions {
  limits: ImportLimits;
  pool: SanitizePool;
  /** Batches in flight at once. */
  depth: number;
  staging: Staging;
  report: ReportBuilder;
  /** The stored hash of a post of this source, if any: equal hashes skip sanitizing. */
  storedHash?: (externalId: string) => string | undefined;
  hashSalt: string;
  progress: ImportProgress;
  onProgress?: () => void;
}

interface Batch {
  entries: { thread: NormalizedThread; posts: PreparedPost[] }[];
  dirty: PreparedPost[];
  bytes: number;
}

const BATCH_POSTS = 256;
const BATCH_BYTES = 512 * 1024;

/** Returns how many items the parser produced (0 means the file held nothing to import). */
export async function prepare(items: AsyncIterable<ParsedItem>, o: PrepareOptions): Promise<number> {
  let seen = 0;
  let batch: Batch = { entries: [], dirty: [], bytes: 0 };
  const inflight: Promise<Batch>[] = [];
  const dispatch = async () => {
    const b = batch;
    batch = { entries: [], dirty: [], bytes: 0 };
    // A batch of unchanged posts (a re-import) has nothing to sanitize: no round trip to a worker.
    const work = b.dirty.length ? o.pool.sanitize(b.dirty.map((p) => p.post.html)) : Promise.resolve([]);
    const done = work.then((clean) => {
      b.dirty.forEach((p, i) => {
        p.clean = clean[i];
      });
      return b;
    });
    // If the import fails before this batch is awaited, its failure must not crash the process.
    done.catch(() => {});
    inflight.push(done);
    if (inflight.length >= o.depth) o.staging.write((await inflight.shift()!).entries);
  };
  for await (const item of items) {
    seen++;
    if (item.kind === 'skip') o.report.skip(item.reason, item.count);
    else if (item.kind === 'reject') o.report.reject(item.error);
    else {
      const posts = preparePosts(item.value, o);
      if (posts.length === 0) continue;
      batch.entries.push({ thread: item.value.thread, posts });
      for (const p of posts) {
        if (p.clean || o.storedHash?.(p.post.externalId) === p.hash) continue;
        batch.dirty.push(p);
        batch.bytes += p.post.html.length;
      }
      o.onProgress?.();
      if (batch.dirty.length >= BATCH_POSTS || batch.bytes >= BATCH_BYTES || batch.entries.length >= BATCH_POSTS)
        await dispatch();
    }
  }
  if (batch.entries.length) await dispatch();
  while (inflight.length) o.staging.write((await inflight.shift()!).entries);
  return seen;
}

/** Size checks and hashes; a rejected post is left out, and a thread left with none is rejected. */
function preparePosts({ thread, where, postWhere }: LocatedThread, o: PrepareOptions): PreparedPost[] {
  const out: PreparedPost[] = [];
  const max = o.limits.maxPostBytes;
  thread.posts.forEach((post, i) => {
    const html = post.html;
    const bytes = html.length * 3 <= max ? 0 : Buffer.byteLength(html);
    if (bytes > max) {
      o.report.reject(importErrors.postTooLarge(postWhere[i] ?? where, bytes, max));
      return;
    }
    out.push({ post, hash: contentHash(post, o.hashSalt) });
  });
  o.progress.postsRead += out.length;
  if (o.progress.postsRead > o.limits.maxPosts) throw importErrors.tooManyPosts(where, o.limits.maxPosts);
  if (out.length === 0 && thread.posts.length > 0) o.report.reject(importErrors.noPosts(where, thread.externalId));
  return out;
}

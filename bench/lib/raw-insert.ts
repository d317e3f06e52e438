// The baseline an import is compared with: the same threads and posts (already sanitized,
// read back from an imported database) inserted into a fresh database with the same schema,
// by prepared statements in one transaction. No parsing, no sanitizing. With `index`, each
// thread and post is also added to its full-text index in that transaction (db/search-index.ts),
// as a small import does; without, only the rows are written, as a big import does before
// it reports done (its index is built afterwards: db/search-catchup.ts).
import { rmSync } from 'node:fs';
import { openDb } from '../../apps/api/src/db/open.ts';
import { indexNewPost, indexNewThread } from '../../apps/api/src/db/search-index.ts';

export function rawInsertMs(
  fromPath: string,
  toPath: string,
  index = true,
): { ms: number; cpuMs: number; posts: number } {
  const from = openDb(fromPath);
  const threads = from
    .prepare(
      'SELECT id, source_id, external_id, title, category, tags_json, url, views, created_at FROM threads ORDER BY id',
    )
    .raw()
    .all() as unknown[][];
  const tags = from.prepare('SELECT thread_id, tag FROM thread_tags').raw().all() as unknown[][];
  const posts = from
    .prepare(
      'SELECT source_id, thread_id, external_id, post_number, reply_to, author, created_at, html, text, like_count, content_hash FROM posts ORDER BY id',
    )
    .raw()
    .all() as unknown[][];
  const sources = from.prepare('SELECT id, name, kind, base_url, created_at FROM sources').raw().all() as unknown[][];
  from.close();

  for (const suffix of ['', '-wal', '-shm']) rmSync(toPath + suffix, { force: true });
  const to = openDb(toPath);
  const addSource = to.prepare('INSERT INTO sources (id, name, kind, base_url, created_at) VALUES (?, ?, ?, ?, ?)');
  const addThread = to.prepare(
    'INSERT INTO threads (id, source_id, external_id, title, category, tags_json, url, views, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const addTag = to.prepare('INSERT INTO thread_tags (thread_id, tag) VALUES (?, ?)');
  const addPost = to.prepare(
    'INSERT INTO posts (source_id, thread_id, external_id, post_number, reply_to, author, created_at, html, text, like_count, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const indexThread = indexNewThread(to);
  const indexPost = indexNewPost(to);
  const start = performance.now();
  const cpu = process.cpuUsage();
  to.transaction(() => {
    for (const s of sources) addSource.run(...s);
    for (const t of threads) {
      const id = addThread.run(...t).lastInsertRowid;
      if (index) indexThread.run(id, t[3] as string);
    }
    for (const t of tags) addTag.run(...t);
    for (const p of posts) {
      const id = addPost.run(...p).lastInsertRowid;
      if (index) indexPost.run(id, p[8] as string);
    }
  })();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  to.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, posts: posts.length };
}

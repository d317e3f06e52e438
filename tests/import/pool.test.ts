// The worker pool gives the same rows as sanitizing inline, in file order.
import { describe, expect, test } from 'vitest';
import { inlinePool, workerPool } from '../../apps/api/src/import/pool.ts';
import { freshDb, importFixture } from './helpers.ts';

describe('workerPool', () => {
  test('sanitizes like the inline pool', async () => {
    const htmls = ['<p onclick="x()">a</p>', '<a href="/t/1">b</a>', '<script>c</script>d'];
    const pool = workerPool(2, 'https://forum.example');
    try {
      const [first, second] = await Promise.all([pool.sanitize(htmls), pool.sanitize(htmls.slice(1))]);
      const inline = await inlinePool('https://forum.example').sanitize(htmls);
      expect(first).toEqual(inline);
      expect(second).toEqual(inline.slice(1));
    } finally {
      await pool.close();
    }
  });

  test('more batches than a worker queues: the rest are sanitized inline, and each caller gets its own batch back', async () => {
    const batches = Array.from({ length: 7 }, (_, i) => [
      `<p>batch ${i}</p><script>x</script>`,
      `<a href="/t/${i}" onclick="y()">link ${i}</a>`,
    ]);
    const pool = workerPool(1, 'https://forum.example');
    try {
      const results = await Promise.all(batches.map((b) => pool.sanitize(b)));
      const inline = inlinePool('https://forum.example');
      expect(results).toEqual(await Promise.all(batches.map((b) => inline.sanitize(b))));
      expect(results[6]!.map((r) => r.text)).toEqual(['batch 6', 'link 6']);
    } finally {
      await pool.close();
    }
  });

  test('a worker takes up to three batches; further ones are sanitized at once on the calling thread', async () => {
    const pool = workerPool(1);
    try {
      const settled = [false, false, false, false, false];
      const calls = settled.map((_, i) =>
        pool.sanitize([`<p>${i}</p>`]).then((r) => {
          settled[i] = true;
          return r;
        }),
      );
      for (let i = 0; i < 3; i++) await null; // a few microtask turns: far too soon for any worker reply
      expect(settled).toEqual([false, false, false, true, true]);
      expect((await Promise.all(calls)).map(([r]) => r!.text)).toEqual(['0', '1', '2', '3', '4']);
    } finally {
      await pool.close();
    }
  });

  test('an import on two workers stores what an inline import stores', async () => {
    const rows = async (workers: number) => {
      const db = freshDb();
      await importFixture(db, 'discourse/topics.jsonl', { workers });
      return db.prepare('SELECT id, external_id, thread_id, post_number, html, text FROM posts ORDER BY id').all();
    };
    expect(await rows(2)).toEqual(await rows(0));
  });
});

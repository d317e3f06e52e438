// Real Discourse post shapes through the import's topic parser and sanitizer: what is kept
// out of codable units, and what the stored HTML and plain text look like.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { skipReason } from '../../apps/api/src/import/discourse/post-kinds.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { freshDb } from './helpers.ts';
import { fixtures } from './replay-server.ts';

async function importTopic(id: number) {
  const db = freshDb();
  const report = await runImportFile(db, join(fixtures, `t/${id}.json`), {
    source: 'forum',
    baseUrl: 'https://forum.test',
  });
  const posts = db
    .prepare(
      'SELECT external_id AS id, html, text, quoted_text AS quotedText, preview_text AS previewText FROM posts ORDER BY post_number',
    )
    .all() as { id: string; html: string; text: string; quotedText: string; previewText: string }[];
  return { report, posts, post: (pid: number) => posts.find((p) => p.id === String(pid))! };
}

describe('posts kept out of codable units', () => {
  test('small actions and whispers are skipped, each counted under its reason', async () => {
    const { report, posts } = await importTopic(205);
    expect(posts.map((p) => p.id)).toEqual(['2051', '2052']);
    expect(report.skipped).toEqual([
      { reason: 'Discourse whispers (post_type 4: staff-only notes)', count: 1 },
      { reason: 'Discourse small-action posts (post_type 3: topic closed, pinned, …)', count: 1 },
    ]);
  });

  test('deleted (by the author or by staff) and hidden posts are skipped', async () => {
    const { report, posts } = await importTopic(201);
    expect(posts.map((p) => [p.id, p.text])).toEqual([
      ['2011', 'What goes in the Limitations section?'],
      ['2015', 'Known failure cases and biases.'],
    ]);
    expect(report.skipped).toEqual([
      { reason: 'deleted Discourse posts (deleted_at or user_deleted set, or "(post deleted by author)")', count: 2 },
      { reason: 'hidden Discourse posts (hidden by flags; their content is withheld)', count: 1 },
    ]);
    expect(report.rejected).toEqual([]);
  });

  test.each([
    [{ post_type: 1, cooked: '<p>hi</p>' }, undefined],
    [{ post_type: 2, cooked: '<p>This topic was closed for review.</p>' }, undefined],
    [{ post_type: 3, cooked: '' }, 'smallAction'],
    [{ post_type: 4, cooked: '<p>staff</p>' }, 'whisper'],
    [{ cooked: '<p>(post deleted by author)</p>' }, 'deleted'],
    [
      { cooked: '<p>(post withdrawn by author, will be automatically deleted in 24 hours unless flagged)</p>' },
      'deleted',
    ],
    [{ cooked: '<p>x</p>', deleted_at: '2022-12-01T13:00:00.000Z' }, 'deleted'],
    [{ cooked: '<p>x</p>', deleted_at: null, user_deleted: false, hidden: false }, undefined],
    [{ cooked: '<p>spam</p>', hidden: true }, 'hidden'],
    [{ cooked: '', cooked_hidden: true }, 'hidden'],
    [{ cooked: '<p>I quote: (post deleted by author) as a joke</p>' }, undefined],
  ])('%j -> %s', (post, reason) => {
    expect(skipReason(post)).toBe(reason);
  });
});

describe('cooked HTML stays readable', () => {
  test('onebox, lightbox image and poll: links and image kept, caption and voter count gone; the preview is not the poster’s words', async () => {
    const { post } = await importTopic(202);
    const p = post(2021);
    expect(p.text).toBe('We compare frameworks, see the repo:\nPyTorch\nJAX');
    expect(p.previewText).toBe(
      'GitHub - huggingface/transformers: State-of-the-art Machine Learning\n' +
        'Transformers: State-of-the-art Machine Learning for PyTorch, TensorFlow, and JAX.',
    );
    expect(p.html).toContain(
      '<a href="https://github.com/huggingface/transformers" rel="nofollow noopener noreferrer">GitHub - huggingface/transformers: State-of-the-art Machine Learning</a>',
    );
    expect(p.html).toContain(
      '<a href="https://forum.test/uploads/default/original/2X/a/abc123.png" title="loss curve" rel="nofollow noopener noreferrer"><img src="https://forum.test/uploads/default/optimized/2X/a/abc123_2_690x388.png" alt="loss curve" width="690" height="388" /></a>',
    );
    expect(p.html).toContain('<li>PyTorch</li>');
    expect(p.html).not.toMatch(/1234×696|voters|<svg|<use|favicon/);
  });

  test('a quote keeps its author and blockquote, without the avatar, apart from the own words; a code block keeps its lines and language', async () => {
    const { post } = await importTopic(202);
    const p = post(2022);
    expect(p.text).toBe('PyTorch, with this loop:\nfor batch in loader:\nloss = model(**batch).loss\nloss.backward()');
    expect(p.quotedText).toBe('We compare frameworks');
    expect(p.html).toContain('<aside class="quote" data-username="alice"');
    expect(p.html).toContain('<blockquote>\n<p>We compare frameworks</p>\n</blockquote>');
    expect(p.html).toContain(
      '<pre><code class="lang-python">for batch in loader:\n    loss = model(**batch).loss\n    loss.backward()\n</code></pre>',
    );
    expect(p.html).not.toContain('user_avatar');
  });

  test('emoji images read as their :name:', async () => {
    const { post } = await importTopic(205);
    expect(post(2052).text).toBe('Set tok.padding_side = "right" before calling it :slightly_smiling_face:');
    expect(post(2052).html).toBe(
      '<p>Set <code>tok.padding_side = "right"</code> before calling it :slightly_smiling_face:</p>',
    );
    expect(post(2051).text).toBe(
      'My tokenizer pads on the left. I want right padding:\ntok = AutoTokenizer.from_pretrained("gpt2")\ntok.pad_token = tok.eos_token',
    );
  });
});

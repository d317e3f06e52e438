// What a post says vs what it shows, on cooked HTML in the shapes Discourse produces (quotes,
// oneboxes, lazy videos old and new, Vimeo iframes, lightbox images, empty posts): the
// poster's own words, quoted words and preview words land in their own columns, the HTML
// keeps each block marked, and posts without own words are flagged.
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';
import { freshDb, importFixture } from './helpers.ts';

const REL = 'rel="nofollow noopener noreferrer"';

interface Row {
  post_number: number;
  content_kind: string;
  text: string;
  quoted_text: string;
  preview_text: string;
  html: string;
}

async function imported(options = {}) {
  const db = freshDb();
  const report = await importFixture(db, 'discourse/content-shapes.json', options);
  const rows = db
    .prepare('SELECT post_number, content_kind, text, quoted_text, preview_text, html FROM posts ORDER BY post_number')
    .all() as Row[];
  return { db, report, post: (n: number) => rows.find((r) => r.post_number === n)! };
}

describe('own words, quotes and previews', () => {
  test('a Discourse quote: own words in text, the quoted words apart, the quote kept as a marked block', async () => {
    const { post } = await imported();
    expect(post(2)).toMatchObject({
      content_kind: 'text',
      text: 'Use Segment Statistics after you click Apply.',
      quoted_text: 'How do I make a histogram of a segment made with Grow From Seeds?',
      preview_text: '',
    });
    expect(post(2).html).toContain('<aside class="quote" data-username="martflar" data-post="1" data-topic="11277">');
    expect(post(2).html).toContain('<div class="title">');
    expect(post(2).html).not.toContain('avatar');
  });

  test('a generic onebox (Hugging Face): its title and description are preview text, its site kept in a header', async () => {
    const { post } = await imported();
    expect(post(3)).toMatchObject({
      content_kind: 'text',
      text: 'You might want to look at this model:',
      quoted_text: '',
      preview_text:
        'bert-base-uncased · Hugging Face\nWe’re on a journey to advance and democratize artificial intelligence through open source and open science.',
    });
    expect(post(3).html).toContain('<aside class="onebox" data-onebox-src="https://huggingface.co/bert-base-uncased">');
    expect(post(3).html).toContain(
      `<header class="source">\n      \n\n      <a href="https://huggingface.co/bert-base-uncased" ${REL}>huggingface.co</a>`,
    );
  });

  test('a GitHub onebox: the repository description is preview text, not the poster’s', async () => {
    const { post } = await imported();
    expect(post(4)).toMatchObject({
      text: 'The only solution I am aware of is this extension',
      preview_text:
        'GitHub - DCBIA-OrthoLab/SlicerDentalModelSeg: This extension aims to provide a GUI for a...\nThis extension aims to provide a GUI for a deep-learning automated teeth segmentation tool.',
    });
  });
});

describe('video embeds become link cards', () => {
  test('a lazy YouTube video (discourse-lazy-videos)', async () => {
    const { post } = await imported();
    expect(post(5)).toMatchObject({
      content_kind: 'text',
      text: 'Curved MPR images can be obtained as shown in this video:',
      preview_text: '15 Sorting Algorithms in 6 Minutes',
      html:
        '<p>Curved MPR images can be obtained as shown in this video:</p>\n' +
        `<div class="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=kPRA0W1kECg" ${REL}>15 Sorting Algorithms in 6 Minutes</a></div>`,
    });
  });

  test('an old lazyYT video, an empty div in the cooked HTML, is a card, and the post is flagged embed_only', async () => {
    const { post } = await imported();
    expect(post(6)).toEqual({
      post_number: 6,
      content_kind: 'embed_only',
      text: '',
      quoted_text: '',
      preview_text: 'Curved multi-planar reconstruction (MPR) view in 3D Slicer',
      html: `<div class="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=thExIlffL0I" ${REL}>Curved multi-planar reconstruction (MPR) view in 3D Slicer</a></div>`,
    });
  });

  test('a Vimeo iframe keeps the address the poster pasted, and no iframe', async () => {
    const { post } = await imported();
    expect(post(7).html).toBe(
      `<p>Here is the talk:</p>\n<div class="embed" data-provider="vimeo"><a href="https://vimeo.com/786646692" ${REL}>Vimeo 786646692</a></div>`,
    );
    expect(post(7).preview_text).toBe('Vimeo 786646692');
  });
});

describe('posts without own words', () => {
  test('an image-only post (lightbox) and an empty post are stored and flagged', async () => {
    const { post } = await imported();
    expect(post(8)).toMatchObject({ content_kind: 'image_only', text: '' });
    expect(post(8).html).toContain(
      '<img src="https://us1.discourse-cdn.com/flex002/uploads/slicer/optimized/2X/1/14aa7083f30e765098d7af70477c4bc395cf08ec_2_690x420.jpg" alt="large" width="690" height="420" />',
    );
    expect(post(9)).toEqual({
      post_number: 9,
      content_kind: 'empty',
      text: '',
      quoted_text: '',
      preview_text: '',
      html: '',
    });
  });

  test('search finds own words only: a quoted phrase does not match the post that quotes it', async () => {
    const { db } = await imported();
    const hits = db
      .prepare(
        "SELECT p.post_number FROM posts_fts f JOIN posts p ON p.id = f.rowid WHERE posts_fts MATCH 'histogram' ORDER BY 1",
      )
      .pluck()
      .all();
    expect(hits).toEqual([1]);
  });

  test.each([
    ['a first import (copied in bulk)', false],
    ['an import into a source with threads (row by row)', true],
  ])('quoted words have their own index, for keyword rules that ask for them: %s', async (_, sourceHasThreads) => {
    const db = freshDb();
    if (sourceHasThreads) await importFixture(db, 'discourse/topic-1001.json');
    await importFixture(db, 'discourse/content-shapes.json');
    const quoting = db
      .prepare(
        "SELECT p.post_number FROM posts_quoted_fts f JOIN posts p ON p.id = f.rowid WHERE posts_quoted_fts MATCH 'histogram'",
      )
      .pluck()
      .all();
    expect(quoting).toEqual([2]);
    expect(() => db.exec("INSERT INTO posts_quoted_fts (posts_quoted_fts) VALUES ('integrity-check')")).not.toThrow();
  });
});

describe('relative links', () => {
  test('without a base URL they become text, and the report counts them', async () => {
    const { report, post } = await imported();
    expect(report.links).toEqual({ relative: 2, baseUrl: null });
    expect(post(1).html).toBe(
      `<p>How do I make a histogram of a segment made with Grow From Seeds? I tried <a ${REL}>this topic</a> and asked <a ${REL}>@lassoan</a>.</p>`,
    );
  });

  test('with the forum address they resolve, and none stays relative', async () => {
    const { report, post } = await imported({ baseUrl: 'https://discourse.slicer.org' });
    expect(report.links).toEqual({ relative: 0, baseUrl: 'https://discourse.slicer.org' });
    expect(post(1).html).toContain(
      `<a href="https://discourse.slicer.org/t/segment-statistics/11002" ${REL}>this topic</a>`,
    );
  });
});

describe('migration 012 on posts imported before it', () => {
  test('keeps their text and flags those without words from their HTML', () => {
    const db = new Database(':memory:');
    const all = listMigrations();
    migrate(
      db,
      all.filter((m) => m.version < 12),
    );
    db.exec(`INSERT INTO sources (id, name, kind, created_at) VALUES (1, 's', 'discourse', 'x');
      INSERT INTO threads (id, source_id, external_id, title, tags_json, created_at) VALUES (1, 1, 't', 'T', '[]', 'x');
      INSERT INTO posts (source_id, thread_id, external_id, post_number, created_at, html, text, content_hash) VALUES
        (1, 1, 'a', 1, 'x', '<p>words</p>', 'words', 'h'),
        (1, 1, 'b', 2, 'x', '<p><img src="https://x.example/a.png"></p>', '', 'h'),
        (1, 1, 'c', 3, 'x', '<div></div>', ' ', 'h'),
        (1, 1, 'd', 4, 'x', '', '', 'h');`);
    migrate(db, all);
    expect(
      db.prepare('SELECT text, quoted_text, preview_text, content_kind FROM posts ORDER BY post_number').all(),
    ).toEqual([
      { text: 'words', quoted_text: '', preview_text: '', content_kind: 'text' },
      { text: '', quoted_text: '', preview_text: '', content_kind: 'image_only' },
      { text: ' ', quoted_text: '', preview_text: '', content_kind: 'embed_only' },
      { text: '', quoted_text: '', preview_text: '', content_kind: 'empty' },
    ]);
  });
});

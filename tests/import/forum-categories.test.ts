// Category names for Discourse dumps: /site.json or /categories.json, given with --categories,
// found in the zip, or stored with the source; threads show "Parent › Child", not the id.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { forumCategoryLabels, readForumCategoryList } from '../../apps/api/src/import/forum-category-list.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importError, importFixture, tempDir } from './helpers.ts';

const apiFixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/discourse-api', name), 'utf8'));
const siteFile = fixture('discourse-site/site.json');
const categoriesOf = (db: ReturnType<typeof freshDb>) =>
  db.prepare('SELECT external_id, category FROM threads ORDER BY external_id').all();
const named = [
  { external_id: '2001', category: '🤗Datasets' },
  { external_id: '2002', category: '🤗Transformers' },
  { external_id: '2003', category: 'Spaces › Build errors' },
];

describe('readForumCategoryList', () => {
  test('/site.json (flat, parent_category_id) and /categories.json (nested subcategory_list) give the same list', () => {
    const expected = [
      { id: '1', name: 'Site Feedback', slug: 'site-feedback', parentId: null },
      { id: '5', name: 'Beginners', slug: 'beginners', parentId: null },
      { id: '9', name: '🤗Transformers', slug: 'transformers', parentId: null },
      { id: '12', name: 'Tokenizers', slug: 'tokenizers', parentId: '9' },
    ];
    expect(readForumCategoryList(apiFixture('site.json'))).toEqual(expected);
    expect(readForumCategoryList(apiFixture('categories.json'))).toEqual(expected);
    expect(forumCategoryLabels(expected)).toEqual(
      new Map([
        ['1', 'Site Feedback'],
        ['5', 'Beginners'],
        ['9', '🤗Transformers'],
        ['12', '🤗Transformers › Tokenizers'],
      ]),
    );
  });

  test('a third level is labelled with both parents', () => {
    const list = [
      { id: '1', name: 'Models', slug: null, parentId: null },
      { id: '2', name: 'NLP', slug: null, parentId: '1' },
      { id: '3', name: 'BERT', slug: null, parentId: '2' },
    ];
    expect(forumCategoryLabels(list).get('3')).toBe('Models › NLP › BERT');
  });

  test.each([
    [{ topic_list: {} }, 'it has neither categories nor category_list.categories', undefined],
    [{ categories: [{ id: 'x', name: 'A' }] }, 'a category without a numeric id', 'categories[0].id'],
    [
      { category_list: { categories: [{ id: 1, name: 'A', subcategory_list: [{ id: 2 }] }] } },
      'a category without a name',
      'category_list.categories[0].subcategory_list[0].name',
    ],
  ])('%j is refused: %s', (json, why, field) => {
    expect(() => readForumCategoryList(json, 'site.json')).toThrow(
      expect.objectContaining({ code: 'import.bad_categories', where: { file: 'site.json', field } }),
    );
    expect(() => readForumCategoryList(json, 'site.json')).toThrow(why);
  });
});

describe('importing with category names', () => {
  test('without a category list, threads keep the bare id', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse-site/topics.jsonl');
    expect(categoriesOf(db)).toEqual([
      { external_id: '2001', category: '10' },
      { external_id: '2002', category: '9' },
      { external_id: '2003', category: '24' },
    ]);
  });

  test('--categories site.json names them; the names are stored with the source', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse-site/topics.jsonl', { categoriesFile: siteFile });
    expect(categoriesOf(db)).toEqual(named);
    expect(
      db.prepare('SELECT category_id, name, parent_id, label FROM source_categories ORDER BY category_id + 0').all(),
    ).toEqual([
      { category_id: '1', name: 'Site Feedback', parent_id: null, label: 'Site Feedback' },
      { category_id: '9', name: '🤗Transformers', parent_id: null, label: '🤗Transformers' },
      { category_id: '10', name: '🤗Datasets', parent_id: null, label: '🤗Datasets' },
      { category_id: '23', name: 'Spaces', parent_id: null, label: 'Spaces' },
      { category_id: '24', name: 'Build errors', parent_id: '23', label: 'Spaces › Build errors' },
    ]);
  });

  test('a later import with the list renames threads stored with bare ids; one without it keeps the names', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse-site/topics.jsonl');
    const { dir, cleanup } = tempDir();
    try {
      // Only one topic in this dump: the others are relabelled from the list all the same.
      const one = readFileSync(fixture('discourse-site/topics.jsonl'), 'utf8').split('\n')[0]!;
      writeFileSync(join(dir, 'one.jsonl'), `${one}\n`);
      const report = await runImportFile(db, join(dir, 'one.jsonl'), { source: 'forum', categoriesFile: siteFile });
      expect(report.threads).toEqual({ new: 0, updated: 1, unchanged: 0 });
      expect(categoriesOf(db)).toEqual(named);
      const again = await importFixture(db, 'discourse-site/topics.jsonl');
      expect(again.threads).toEqual({ new: 0, updated: 0, unchanged: 3 });
      expect(categoriesOf(db)).toEqual(named);
    } finally {
      cleanup();
    }
  });

  test('a zip with a site.json names the categories, and site.json is not read as a topic', async () => {
    const db = freshDb();
    const { dir, cleanup } = tempDir();
    try {
      const zip = join(dir, 'dump.zip');
      writeFileSync(
        zip,
        zipSync({
          'dump/site.json': strToU8(readFileSync(siteFile, 'utf8')),
          'dump/topics.jsonl': strToU8(readFileSync(fixture('discourse-site/topics.jsonl'), 'utf8')),
        }),
      );
      const report = await runImportFile(db, zip, { source: 'forum' });
      expect(report.rejected).toEqual([]);
      expect(report.threads.new).toBe(3);
      expect(categoriesOf(db)).toEqual(named);
    } finally {
      cleanup();
    }
  });

  test('a category file that is not a category list fails the import before anything is stored', async () => {
    const db = freshDb();
    const { dir, cleanup } = tempDir();
    try {
      copyFileSync(fixture('discourse/topic-1001.json'), join(dir, 'topics.json'));
      const err = await importError(db, 'discourse-site/topics.jsonl', { categoriesFile: join(dir, 'topics.json') });
      expect(err).toMatchObject({ code: 'import.bad_categories', where: { file: 'topics.json' } });
      expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    } finally {
      cleanup();
    }
  });
});

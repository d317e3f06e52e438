import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateFileSchema, templateToCodebook } from '@threadcoder/taxonomy';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import type { Db } from '../../apps/api/src/db/open.ts';
import { indexNewPost, indexNewThread } from '../../apps/api/src/db/search-index.ts';

export interface ThreadSpec {
  title: string;
  createdAt: string;
  category?: string;
  tags?: string[];
  posts: string[];
}

/** Inserts a source and its threads/posts straight into the tables (tests that are not about import). */
export function insertForum(
  db: Db,
  threads: ThreadSpec[],
  sourceName = 'Test forum',
): { sourceId: number; threadIds: number[]; postIds: number[][] } {
  const now = '2024-01-01T00:00:00.000Z';
  const sourceId = Number(
    db.prepare("INSERT INTO sources (name, kind, created_at) VALUES (?, 'discourse', ?)").run(sourceName, now)
      .lastInsertRowid,
  );
  const insThread = db.prepare(
    'INSERT INTO threads (source_id, external_id, title, category, tags_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insTag = db.prepare('INSERT INTO thread_tags (thread_id, tag) VALUES (?, ?)');
  const insPost = db.prepare(
    `INSERT INTO posts (source_id, thread_id, external_id, post_number, author, created_at, html, text, content_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const threadIds: number[] = [];
  const postIds: number[][] = [];
  threads.forEach((t, i) => {
    const threadId = Number(
      insThread.run(sourceId, `t${i + 1}`, t.title, t.category ?? null, JSON.stringify(t.tags ?? []), t.createdAt)
        .lastInsertRowid,
    );
    indexNewThread(db).run(threadId, t.title);
    for (const tag of t.tags ?? []) insTag.run(threadId, tag);
    threadIds.push(threadId);
    postIds.push(
      t.posts.map((text, j) => {
        const postId = Number(
          insPost.run(
            sourceId,
            threadId,
            `p${i + 1}-${j + 1}`,
            j + 1,
            `user${j}`,
            t.createdAt,
            `<p>${text}</p>`,
            text,
            `h${i}-${j}`,
          ).lastInsertRowid,
        );
        indexNewPost(db).run(postId, text);
        return postId;
      }),
    );
  });
  return { sourceId, threadIds, postIds };
}

/** A forum of `n` threads with `postsEach` posts, one thread a month from January 2022. */
export function monthlyForum(db: Db, n: number, postsEach = 3) {
  return insertForum(
    db,
    Array.from({ length: n }, (_, i) => ({
      title: `Thread ${i + 1}`,
      createdAt: new Date(Date.UTC(2022, i, 15)).toISOString(),
      category: i % 2 ? 'Beginners' : 'Models',
      tags: [i % 3 ? 'bert' : 'gpt2'],
      posts: Array.from({ length: postsEach }, (_, j) => `Post ${j + 1} of thread ${i + 1}`),
    })),
  );
}

function readTemplates() {
  // The flat 17-code template of earlier releases: the tests written against its code ids keep them.
  const file = join(import.meta.dirname, '../fixtures/templates/taxonomy-templates.json');
  return templateFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).templates;
}

/** Stores the Hugging Face forum template as a codebook and returns its first version's id. */
export function insertTemplateCodebook(
  db: Db,
  templateId = 'hf-forum-ptm-reuse',
): { codebookId: number; versionId: number } {
  const result = templateToCodebook(readTemplates().find((t) => t.id === templateId));
  if (!result.ok) throw new Error(result.errors[0]!.message);
  return createCodebook(db, result.value, null, 'From template');
}

export function pinCodebook(db: Db, studyId: number, ids: { codebookId: number; versionId: number }): void {
  db.prepare('UPDATE studies SET codebook_id = ?, codebook_version_id = ? WHERE id = ?').run(
    ids.codebookId,
    ids.versionId,
    studyId,
  );
}

export function selectAllThreads(db: Db, studyId: number): void {
  db.prepare('INSERT OR IGNORE INTO study_threads (study_id, thread_id) SELECT ?, id FROM threads').run(studyId);
}

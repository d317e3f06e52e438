// A whole forum in few requests (collect --whole-forum). Topic by topic costs one request per
// topic plus one per 20 further posts (~97 per 1,000 posts); here:
//   1. /latest.json pages (30 topics a request): each topic's fields (title, slug, created_at,
//      category_id, tags, views) and fingerprint;
//   2. /posts.json?before=ID pages (50 posts a request, newest first, across all topics);
//   3. per topic with posts: its topic JSON assembled from 1 and 2 and imported through the same
//      path as /t/{id}.json, so the stored rows are the same. A topic the listing never showed
//      (a category kept out of /latest) is fetched whole instead.
// Incremental: both walks stop at the newest post the last finished whole-forum run stored
// (whole_forum_marks): listing pages at the first non-pinned topic bumped before it, posts at it.
// Every page and every topic is saved as it is done, so a stop or a crash resumes there.
import { AppError } from '../http/errors.ts';
import { StoppedError } from './http.ts';
import { importTopic } from './import-topic.ts';
import { assembleTopic, latestPostsPath, readLatestPosts } from './latest-posts.ts';
import { readListing } from './listing.ts';
import { addFailedTopic, addImport } from './report.ts';
import type { RunContext } from './run-context.ts';
import { readCursor, setCursor, type PendingTopic, type TopicStatus } from './state.ts';
import { fetchTopic } from './topic-fetch.ts';
import { isTopicProblem } from './topic-problem.ts';
import {
  IMPORT_CURSOR,
  addListingPage,
  addPostsPage,
  finishWholeForum,
  finishWholeForumTopic,
  listedTopic,
  nextTopicToImport,
  topicPosts,
  wholeForumMark,
} from './whole-forum-state.ts';

export async function collectWholeForum(run: RunContext): Promise<void> {
  const { db, id } = run;
  const mark = run.sourceId === null ? undefined : wholeForumMark(db, run.sourceId);
  let { cursor } = readCursor(db, id);
  if (cursor === null) {
    cursor = '/latest.json';
    setCursor(db, id, cursor);
  }
  if (cursor.startsWith('/latest')) cursor = await walkListing(run, cursor, mark?.postedAt);
  if (cursor.startsWith('/posts.json')) await walkPosts(run, cursor, mark?.postId);
  for (let topicId = nextTopicToImport(db, id); topicId !== undefined; topicId = nextTopicToImport(db, id)) {
    if (run.signal?.aborted) throw new StoppedError();
    await importOne(run, topicId);
    run.progress();
  }
  finishWholeForum(db, id, run.sourceId);
}

async function walkListing(run: RunContext, start: string, since?: string): Promise<string> {
  const { db, id, http, record } = run;
  const seen = new Set<string>();
  const known = new Set<number>();
  for (let cursor = start; ; ) {
    if (run.signal?.aborted) throw new StoppedError();
    const page = readListing(await http.getJson(cursor), cursor, record.options.forumUrl);
    seen.add(cursor);
    // Past the first non-pinned topic bumped before the mark, no topic has a post newer than it.
    const stale = since !== undefined && page.topics.some((t) => !t.pinned && t.bumpedAt < since);
    const addsTopics = page.topics.some((t) => !known.has(t.id));
    for (const t of page.topics) known.add(t.id);
    const topics = since === undefined ? page.topics : page.topics.filter((t) => t.pinned || t.bumpedAt >= since);
    const end = stale || !addsTopics || page.next === null || seen.has(page.next);
    const next = end ? latestPostsPath() : page.next!;
    addListingPage(db, id, topics, next, run.requests());
    run.progress();
    if (end) return next;
    cursor = next;
  }
}

async function walkPosts(run: RunContext, start: string, stopAt?: number): Promise<void> {
  const { db, id, http } = run;
  for (let cursor = start; cursor !== IMPORT_CURSOR; ) {
    if (run.signal?.aborted) throw new StoppedError();
    const before = Number(new URL(cursor, 'http://x').searchParams.get('before') ?? Number.NaN);
    const posts = readLatestPosts(await http.getJson(cursor), cursor);
    // A forum that ignores ?before= would hand back the same page for ever.
    if (posts.some((p) => p.id > before))
      throw new AppError(
        'collect.bad_listing',
        422,
        `The forum's ${cursor} lists posts after ${before}: it does not page by ?before=.`,
        {
          file: cursor,
        },
      );
    const fresh = stopAt === undefined ? posts : posts.filter((p) => p.id > stopAt);
    const lowest = Math.min(...posts.map((p) => p.id));
    const next =
      posts.length === 0 || fresh.length < posts.length || lowest <= 1 ? IMPORT_CURSOR : latestPostsPath(lowest - 1);
    addPostsPage(db, id, fresh, next, run.requests(), Number.isNaN(before) ? posts[0] : undefined);
    run.progress();
    cursor = next;
  }
}

async function importOne(run: RunContext, topicId: number): Promise<void> {
  const { db, id, record, http, dir } = run;
  const listed = listedTopic(db, id, topicId);
  const posts = topicPosts(db, id, topicId);
  const pending: PendingTopic = listed?.pending ?? {
    topicId,
    postsCount: posts.length,
    highestPostNumber: null,
    lastPostedAt: null,
  };
  let status: Exclude<TopicStatus, 'pending'> = 'done';
  try {
    const topic = listed ? assembleTopic(listed.fields, posts) : (await fetchTopic(http, topicId)).topic;
    addImport(record.report, await importTopic(db, dir, topicId, topic, record.options, record.userId));
    run.stored();
  } catch (err) {
    if (!isTopicProblem(err)) throw err;
    addFailedTopic(record.report, topicId, err.message);
    status = 'failed';
  }
  // Unlisted, its fingerprint is the posts count alone: a later topic-by-topic run fetches it again.
  finishWholeForumTopic(db, id, run.sourceId, pending, status, record.report, run.requests());
}

// /posts.json?before=ID: the forum's latest posts across all topics, newest id first, 50 a page
// (Discourse's PostsController#latest: regular, visible posts of public topics, id <= before),
// each with its topic_id, topic_slug, topic_title and raw besides the fields /t/{id}.json has.
import { AppError } from '../http/errors.ts';
import { isObject } from '../import/fields.ts';
import type { LatestPost } from './whole-forum-state.ts';

export const latestPostsPath = (before?: number) =>
  before === undefined ? '/posts.json' : `/posts.json?before=${before}`;

// Fields only /posts.json adds (add_raw, add_title): dropped so a post reads as in /t/{id}.json.
const LISTING_ONLY = ['raw', 'topic_title', 'topic_html_title', 'category_id'];

export function readLatestPosts(json: unknown, path: string): LatestPost[] {
  const bad = (field: string, what: string) =>
    new AppError(
      'collect.bad_listing',
      422,
      `The forum's ${path} is not in Discourse's shape: ${field} should be ${what}.`,
      {
        file: path,
        field,
      },
    );
  if (!isObject(json) || !Array.isArray(json.latest_posts)) throw bad('latest_posts', 'an array');
  return json.latest_posts.map((p: unknown, i: number) => {
    const field = `latest_posts[${i}]`;
    if (!isObject(p) || typeof p.id !== 'number') throw bad(`${field}.id`, 'a number');
    if (typeof p.topic_id !== 'number') throw bad(`${field}.topic_id`, 'a number');
    if (typeof p.created_at !== 'string') throw bad(`${field}.created_at`, 'a date');
    const own = Object.fromEntries(Object.entries(p).filter(([k]) => !LISTING_ONLY.includes(k)));
    return { id: p.id, topicId: p.topic_id, createdAt: p.created_at, json: own };
  });
}

/** A topic JSON as /t/{id}.json would give it: the listing's topic fields and every post, in post_number order. */
export function assembleTopic(
  fields: Record<string, unknown>,
  posts: Record<string, unknown>[],
): Record<string, unknown> {
  const ordered = [...posts].sort((a, b) => Number(a.post_number) - Number(b.post_number));
  return { ...fields, post_stream: { posts: ordered, stream: ordered.map((p) => p.id) } };
}

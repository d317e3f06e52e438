// One topic with all its posts. /t/{id}.json holds the first chunk of posts (about 20) and,
// in post_stream.stream, the ids of all of them; the rest come from
// /t/{id}/posts.json?post_ids[]=…, a chunk at a time, as Discourse's own client loads them.
import { AppError } from '../http/errors.ts';
import { isObject } from '../import/fields.ts';
import type { DiscourseHttp } from './http.ts';

// Discourse's own chunk size; state.ts counts requests left with the same 20.
const POSTS_PER_REQUEST = 20;

type Json = Record<string, unknown>;

export interface FetchedTopic {
  /** The topic JSON with post_stream.posts holding every post, in post_number order. */
  topic: Json;
  /** Posts listed in the stream that the forum did not return (deleted meanwhile). */
  missing: number;
}

export async function fetchTopic(http: DiscourseHttp, id: number): Promise<FetchedTopic> {
  const path = `/t/${id}.json`;
  const topic = await http.getJson(path);
  const bad = (field: string, what: string) =>
    new AppError('collect.bad_topic', 422, `${path} is not in Discourse's shape: ${field} should be ${what}.`, {
      file: path,
      field,
    });
  if (!isObject(topic)) throw bad('(top level)', 'an object');
  const stream = topic.post_stream;
  if (!isObject(stream) || !Array.isArray(stream.posts)) throw bad('post_stream.posts', 'an array');
  const posts = new Map<unknown, Json>();
  for (const p of stream.posts) if (isObject(p)) posts.set(p.id, p);
  const ids = Array.isArray(stream.stream) ? stream.stream.filter((x): x is number => typeof x === 'number') : [];
  const wanted = ids.filter((x) => !posts.has(x));
  for (let i = 0; i < wanted.length; i += POSTS_PER_REQUEST) {
    const chunk = wanted.slice(i, i + POSTS_PER_REQUEST);
    const chunkPath = `/t/${id}/posts.json?${chunk.map((x) => `post_ids[]=${x}`).join('&')}`;
    const json = await http.getJson(chunkPath);
    const more =
      isObject(json) && isObject(json.post_stream) && Array.isArray(json.post_stream.posts)
        ? json.post_stream.posts
        : null;
    if (!more)
      throw new AppError(
        'collect.bad_topic',
        422,
        `${chunkPath} is not in Discourse's shape: post_stream.posts should be an array.`,
        { file: chunkPath, field: 'post_stream.posts' },
      );
    for (const p of more) if (isObject(p)) posts.set(p.id, p);
  }
  const all = [...posts.values()].sort((a, b) => Number(a.post_number) - Number(b.post_number));
  return {
    topic: { ...topic, post_stream: { ...stream, posts: all } },
    missing: ids.filter((x) => !posts.has(x)).length,
  };
}

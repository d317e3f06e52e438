// A generated Discourse forum for the replay server (tests/collect/replay-server.ts): topics with
// posts in the shapes Discourse serves them (fields as in tests/fixtures/discourse-api, the
// discourse_api gem's posts_before.json and Discourse's PostsController#latest), answering
// /latest.json pages, /t/{id}.json, /t/{id}/posts.json?post_ids[]=, /posts.json?before=,
// /site.json and /categories.json. Seeded, so every run serves the same forum.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../bench/lib/prng.ts';

type Json = Record<string, unknown>;
interface Topic {
  fields: Json;
  posts: Json[];
  /** The post number of the accepted answer (Discourse Solved), if any. */
  accepted?: number;
}

const fixtures = join(import.meta.dirname, '../fixtures/discourse-api');
const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const words =
  'model tokenizer dataset pipeline trainer checkpoint padding batch gradient memory cuda hub inference token'.split(
    ' ',
  );
const TOPICS_PER_PAGE = 30;
const POSTS_PER_PAGE = 50;
const CHUNK = 20;

export interface ReplayForum {
  /** The JSON for a request, or undefined for a 404. */
  answer(url: URL): unknown;
  topics: number;
  /** Posts a collection stores: regular, visible, not deleted. */
  storedPosts: number;
  /** Topics with an accepted answer: every fourth from the second, when its last post is stored. */
  solved: number;
}

/** `topics` topics holding `posts` posts to store, plus a few kinds Discourse serves but Threadcoder skips. */
export function generateForum(topics = 60, posts = 1015, seed = 17): ReplayForum {
  const r = rng(seed);
  const counts = Array.from({ length: topics }, (_, i) => (i % 10 === 0 ? r.int(40, 80) : r.int(2, 20)));
  const scale = posts / counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < topics; i++) counts[i] = Math.max(1, Math.round(counts[i]! * scale));
  counts[topics - 1]! += posts - counts.reduce((a, b) => a + b, 0);
  const start = Date.UTC(2023, 0, 2);
  const all: { topic: number; at: number; post: Json }[] = [];
  const list: Topic[] = counts.map((n, i) => {
    const id = 3000 + i;
    const created = start + i * 6 * 3_600_000;
    const slug = `question-${id}-about-${r.pick(words)}`;
    const kinds = i % 7 === 3 ? ['small', 'whisper', 'hidden', 'deleted', 'withdrawn'] : [];
    const total = n + kinds.length;
    const topicPosts = Array.from({ length: total }, (_, j) => {
      const at = created + j * r.int(5, 600) * 60_000 + j;
      const kind = j > 0 && j <= kinds.length ? kinds[j - 1] : undefined;
      return { kind, at, number: j + 1 };
    });
    const fields: Json = {
      id,
      title: `How do I fix the ${r.pick(words)} ${r.pick(words)} error (${id})?`,
      fancy_title: '',
      slug,
      created_at: new Date(created).toISOString(),
      category_id: r.pick([1, 5, 9, 12]),
      tags: i % 3 === 0 ? [] : [r.pick(words), 'transformers'].filter((t, k, a) => a.indexOf(t) === k),
      views: r.int(10, 5000),
      posts_count: total,
    };
    fields.fancy_title = fields.title;
    const topic: Topic = { fields, posts: [] };
    for (const p of topicPosts) {
      const post = makePost(p, id, slug, r);
      topic.posts.push(post);
      all.push({ topic: i, at: p.at, post });
    }
    const last = topicPosts.at(-1)!;
    if (i % 4 === 1 && last.number > 1 && last.kind === undefined) {
      topic.accepted = last.number;
      for (const post of topic.posts) {
        post.accepted_answer = post.post_number === last.number;
        post.topic_accepted_answer = true;
      }
    }
    return topic;
  });
  // Post ids grow with time across the forum, with gaps (private messages take ids too).
  all.sort((a, b) => a.at - b.at);
  let next = 50_000;
  for (const p of all) {
    next += r.next() < 0.15 ? 2 : 1;
    p.post.id = next;
  }
  for (const t of list) {
    const last = t.posts.at(-1)!;
    Object.assign(t.fields, {
      highest_post_number: t.posts.length,
      last_posted_at: last.created_at,
      bumped_at: last.created_at,
      pinned: t.fields.id === 3000,
    });
  }
  const stored = all.filter(
    (p) => p.post.post_type === 1 && !p.post.hidden && !p.post.deleted_at && !p.post.user_deleted,
  ).length;
  const solved = list.filter((t) => t.accepted !== undefined).length;
  return { answer: (url) => answer(list, url), topics, storedPosts: stored, solved };
}

function makePost(
  p: { kind?: string; at: number; number: number },
  topicId: number,
  slug: string,
  r: ReturnType<typeof rng>,
): Json {
  const user = r.pick(users);
  // carol moderates the forum.
  const moderator = user === 'carol';
  const text = Array.from({ length: r.int(8, 40) }, () => r.pick(words)).join(' ');
  const cooked =
    p.kind === 'withdrawn'
      ? '<p>(post deleted by author)</p>'
      : p.kind === 'small'
        ? ''
        : `<p>${text}.</p>${p.number % 4 === 0 ? `\n<pre><code class="lang-python">model.${r.pick(words)}()\n</code></pre>` : ''}`;
  return {
    id: 0,
    name: user[0]!.toUpperCase() + user.slice(1),
    username: user,
    avatar_template: `/user_avatar/forum.test/${user}/{size}/1_2.png`,
    created_at: new Date(p.at).toISOString(),
    cooked,
    post_number: p.number,
    post_type: p.kind === 'small' ? 3 : p.kind === 'whisper' ? 4 : 1,
    updated_at: new Date(p.at).toISOString(),
    reply_count: 0,
    reply_to_post_number: p.number > 2 && p.number % 3 === 0 ? p.number - 1 : null,
    quote_count: 0,
    incoming_link_count: 0,
    reads: r.int(1, 50),
    readers_count: r.int(1, 50),
    score: 0.2,
    yours: false,
    topic_id: topicId,
    topic_slug: slug,
    display_username: user,
    version: 1,
    can_edit: false,
    can_delete: false,
    can_recover: false,
    can_wiki: false,
    read: true,
    user_title: moderator ? 'Moderator' : null,
    primary_group_name: moderator ? 'moderators' : null,
    bookmarked: false,
    actions_summary: p.number % 5 === 0 ? [{ id: 2, count: r.int(1, 9) }] : [],
    moderator,
    admin: false,
    staff: moderator,
    user_id: users.indexOf(user) + 2,
    hidden: p.kind === 'hidden',
    trust_level: 1,
    deleted_at: p.kind === 'deleted' ? new Date(p.at + 60_000).toISOString() : null,
    user_deleted: p.kind === 'withdrawn',
    edit_reason: null,
    can_view_edit_history: true,
    wiki: false,
    accepted_answer: false,
    topic_accepted_answer: false,
    ...(p.kind === 'small' ? { action_code: 'closed.enabled' } : {}),
  };
}

function answer(list: Topic[], url: URL): unknown {
  const path = url.pathname;
  if (path === '/site.json' || path === '/categories.json')
    return JSON.parse(readFileSync(join(fixtures, path), 'utf8'));
  if (path === '/latest.json') return latestPage(list, Number(url.searchParams.get('page') ?? 0));
  if (path === '/posts.json') return latestPosts(list, url.searchParams.get('before'));
  const topic = /^\/t\/(\d+)(\/posts)?\.json$/.exec(path);
  const t = topic && list.find((x) => x.fields.id === Number(topic[1]));
  if (!t) return undefined;
  if (topic![2]) {
    const ids = new Set(url.searchParams.getAll('post_ids[]').map(Number));
    return { post_stream: { posts: t.posts.filter((p) => ids.has(p.id as number)) }, id: t.fields.id };
  }
  const accepted = t.posts.find((p) => p.post_number === t.accepted);
  return {
    ...t.fields,
    ...(accepted
      ? {
          accepted_answer: {
            post_number: accepted.post_number,
            username: accepted.username,
            name: accepted.name,
            excerpt: null,
          },
        }
      : {}),
    chunk_size: CHUNK,
    post_stream: { posts: t.posts.slice(0, CHUNK), stream: t.posts.map((p) => p.id) },
  };
}

function latestPage(list: Topic[], page: number): Json {
  const order = [...list].sort(
    (a, b) =>
      Number(b.fields.pinned) - Number(a.fields.pinned) ||
      String(b.fields.bumped_at).localeCompare(String(a.fields.bumped_at)),
  );
  const topics = order.slice(page * TOPICS_PER_PAGE, (page + 1) * TOPICS_PER_PAGE).map((t) => ({
    ...t.fields,
    reply_count: t.posts.length - 1,
    bumped: true,
    archetype: 'regular',
    visible: true,
    closed: false,
    archived: false,
    posters: [],
    has_accepted_answer: t.accepted !== undefined,
  }));
  const more = (page + 1) * TOPICS_PER_PAGE < list.length;
  return {
    users: [],
    primary_groups: [],
    flair_groups: [],
    topic_list: {
      can_create_topic: false,
      per_page: TOPICS_PER_PAGE,
      topics,
      ...(more ? { more_topics_url: `/latest?no_definitions=true&page=${page + 1}` } : {}),
    },
  };
}

/** As PostsController#latest: regular, visible, undeleted posts, id <= before, newest id first, 50 at most. */
function latestPosts(list: Topic[], before: string | null): Json {
  const max = before === null ? Infinity : Number(before);
  const posts = list
    .flatMap((t) =>
      t.posts
        .filter((p) => p.post_type === 1 && !p.hidden && !p.deleted_at && (p.id as number) <= max)
        .map(
          (p): Json => ({
            ...p,
            topic_title: t.fields.title,
            topic_html_title: t.fields.fancy_title,
            category_id: t.fields.category_id,
            raw: String(p.cooked).replace(/<[^>]+>/g, ''),
          }),
        ),
    )
    .sort((a, b) => (b.id as number) - (a.id as number))
    .slice(0, POSTS_PER_PAGE);
  return { latest_posts: posts };
}

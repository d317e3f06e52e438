// Discourse topic listings: /latest.json or /c/{slug}/{id}.json, paged by
// topic_list.more_topics_url (e.g. "/latest?no_definitions=true&page=1"), newest bump first.
import { AppError } from '../http/errors.ts';
import { isObject } from '../import/fields.ts';

export interface ListedTopic {
  id: number;
  createdAt: string;
  /** When the topic was last bumped (a new post, an edit of the first post): the listing's order. */
  bumpedAt: string;
  lastPostedAt: string | null;
  postsCount: number;
  highestPostNumber: number | null;
  /** Pinned topics head the listing whatever their date, so they never end the paging. */
  pinned: boolean;
  /** The topic's own fields as listed (title, slug, created_at, category_id, tags, views, has_accepted_answer): a whole-forum run builds the topic from them. */
  fields: Record<string, unknown>;
}

const TOPIC_FIELDS = [
  'id',
  'title',
  'fancy_title',
  'slug',
  'created_at',
  'category_id',
  'tags',
  'views',
  'posts_count',
  // The Solved plugin's flag on listed topics; the posts read apart carry `accepted_answer`.
  'has_accepted_answer',
];

export interface ListingPage {
  topics: ListedTopic[];
  /** The next page's JSON path, or null on the last page. */
  next: string | null;
}

export interface ForumCategoryRef {
  id: number;
  slug: string;
  name: string;
}

export function firstListingPath(category?: ForumCategoryRef): string {
  return category ? `/c/${encodeURIComponent(category.slug)}/${category.id}.json` : '/latest.json';
}

/** A listing page as the forum at `forumUrl` (perhaps under a path) sent it; `path` is where it came from. */
export function readListing(json: unknown, path: string, forumUrl: string): ListingPage {
  const bad = (field: string, what: string) =>
    new AppError(
      'collect.bad_listing',
      422,
      `The forum's listing ${path} is not in Discourse's shape: ${field} should be ${what}.`,
      { file: path, field },
    );
  if (!isObject(json) || !isObject(json.topic_list)) throw bad('topic_list', 'an object');
  const list = json.topic_list;
  if (!Array.isArray(list.topics)) throw bad('topic_list.topics', 'an array');
  const topics = list.topics.map((t: unknown, i: number): ListedTopic => {
    const field = `topic_list.topics[${i}]`;
    if (!isObject(t) || typeof t.id !== 'number') throw bad(`${field}.id`, 'a number');
    if (typeof t.created_at !== 'string') throw bad(`${field}.created_at`, 'a date');
    const lastPostedAt = typeof t.last_posted_at === 'string' ? t.last_posted_at : null;
    return {
      id: t.id,
      createdAt: t.created_at,
      bumpedAt: typeof t.bumped_at === 'string' ? t.bumped_at : (lastPostedAt ?? t.created_at),
      lastPostedAt,
      postsCount: typeof t.posts_count === 'number' ? t.posts_count : 0,
      highestPostNumber: typeof t.highest_post_number === 'number' ? t.highest_post_number : null,
      pinned: t.pinned === true || t.pinned_globally === true,
      fields: Object.fromEntries(TOPIC_FIELDS.filter((k) => k in t).map((k) => [k, t[k]])),
    };
  });
  const more = typeof list.more_topics_url === 'string' && topics.length > 0 ? list.more_topics_url : null;
  return { topics, next: more && jsonPath(more, forumUrl, bad) };
}

/**
 * "/latest?page=1" -> "/latest.json?page=1": Discourse serves the JSON of any listing at its path
 * plus .json. The result is relative to the forum's address: a forum under /forum links its pages
 * as "/forum/latest?page=1". A link to another site (absolute, or "//host/…") is refused: no
 * request leaves the forum.
 */
function jsonPath(link: string, forumUrl: string, bad: (field: string, what: string) => AppError): string {
  const forum = new URL(forumUrl);
  const offSite = () => bad('topic_list.more_topics_url', `a path on the forum, not "${link.slice(0, 200)}"`);
  let u: URL;
  try {
    u = new URL(link, forum);
  } catch {
    throw offSite();
  }
  // "//host/…" and "\\host/…" resolve to another host too.
  if (u.origin !== forum.origin) throw offSite();
  let path = u.pathname;
  if (forum.pathname !== '/' && path.startsWith(`${forum.pathname}/`)) path = path.slice(forum.pathname.length);
  if (!path.endsWith('.json')) path = `${path.replace(/\/+$/, '')}.json`;
  return `${path}${u.search}`;
}

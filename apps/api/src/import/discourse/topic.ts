// One Discourse topic (the JSON of /t/{id}.json) -> a NormalizedThread, or the reasons it
// cannot be one. Post-level problems reject just that post; topic-level ones the topic.
import type { ErrorWhere } from '../../http/errors.ts';
import { toUtcIso } from '../dates.ts';
import { importErrors, isImportError } from '../errors.ts';
import {
  at,
  isObject,
  MAX_TEXT_CHARS,
  optionalInt,
  optionalString,
  readId,
  readString,
  requiredInt,
} from '../fields.ts';
import type { IdRegistry } from '../ids.ts';
import { splitTags } from '../text.ts';
import type { NormalizedPost, NormalizedThread, ParsedItem } from '../types.ts';
import { acceptedPostNumber, authorStanding } from './author.ts';
import { tidyCooked } from './cooked.ts';
import { isPercevalItem, percevalTopic } from './perceval.ts';
import { skipReason, skipReasons } from './post-kinds.ts';

type Labels = ReadonlyMap<string, string>;

export function normalizeTopic(
  raw: unknown,
  where: ErrorWhere,
  ids: IdRegistry,
  baseUrl?: string,
  categories: Labels = new Map(),
): ParsedItem[] {
  try {
    if (isPercevalItem(raw)) {
      const inner = percevalTopic(raw, where);
      return topic(inner.topic, inner.where, ids, categories, baseUrl);
    }
    return topic(raw, where, ids, categories, baseUrl);
  } catch (err) {
    if (isImportError(err)) return [{ kind: 'reject', error: err }];
    throw err;
  }
}

function topic(raw: unknown, where: ErrorWhere, ids: IdRegistry, categories: Labels, baseUrl?: string): ParsedItem[] {
  if (!isObject(raw)) throw importErrors.wrongType(where, 'a topic object', raw);
  const id = readId(raw.id, at(where, 'id'), 'topic id');
  const dup = ids.claim('Thread', id, where);
  if (dup) throw dup;
  const title = readString(raw.title ?? raw.fancy_title, at(where, 'title'), 'title', MAX_TEXT_CHARS);
  const createdAt = toUtcIso(raw.created_at, at(where, 'created_at'));
  if (raw.tags !== undefined && raw.tags !== null && !Array.isArray(raw.tags))
    throw importErrors.wrongType(at(where, 'tags'), 'an array of tags', raw.tags);
  const slug = optionalString(raw.slug, at(where, 'slug'), 'slug');
  const stream = raw.post_stream;
  if (!isObject(stream)) throw importErrors.missingField(at(where, 'post_stream'), 'post_stream with the posts');
  if (!Array.isArray(stream.posts))
    throw importErrors.wrongType(at(where, 'post_stream.posts'), 'an array of posts', stream.posts);

  const acceptedNumber = acceptedPostNumber(raw.accepted_answer, at(where, 'accepted_answer'));
  const items: ParsedItem[] = [];
  const posts: NormalizedPost[] = [];
  const postWhere: ErrorWhere[] = [];
  const skipped = new Map<keyof typeof skipReasons, number>();
  stream.posts.forEach((p: unknown, i: number) => {
    const pw = at(where, `post_stream.posts[${i}]`);
    try {
      const skip = skipReason(p);
      if (skip) {
        skipped.set(skip, (skipped.get(skip) ?? 0) + 1);
        return;
      }
      const post = normalizePost(p, pw, acceptedNumber);
      const dupPost = ids.claim('Post', post.externalId, pw);
      if (dupPost) throw dupPost;
      posts.push(post);
      postWhere.push(pw);
    } catch (err) {
      if (!isImportError(err)) throw err;
      items.push({ kind: 'reject', error: err });
    }
  });
  for (const [reason, count] of skipped) items.push({ kind: 'skip', reason: skipReasons[reason], count });
  if (posts.length === 0) return [...items, { kind: 'reject', error: importErrors.noPosts(where, id) }];
  const thread: NormalizedThread = {
    externalId: id,
    title,
    category: category(raw, where, categories),
    tags: splitTags(raw.tags),
    url: baseUrl ? `${baseUrl.replace(/\/+$/, '')}/t/${slug ?? 'topic'}/${id}` : undefined,
    views: optionalInt(raw.views, at(where, 'views'), 'views'),
    createdAt,
    solved: raw.has_accepted_answer === true || acceptedNumber !== undefined || posts.some((p) => p.acceptedAnswer),
    posts,
  };
  return [{ kind: 'thread', value: { thread, where, postWhere } }, ...items];
}

function normalizePost(p: unknown, where: ErrorWhere, acceptedNumber: number | undefined): NormalizedPost {
  if (!isObject(p)) throw importErrors.wrongType(where, 'a post object', p);
  const postNumber = requiredInt(p.post_number, at(where, 'post_number'), 'post_number');
  if (postNumber < 1)
    throw importErrors.wrongType(at(where, 'post_number'), 'a post_number of 1 or more', p.post_number);
  return {
    externalId: readId(p.id, at(where, 'id'), 'post id'),
    postNumber,
    replyTo: optionalInt(p.reply_to_post_number, at(where, 'reply_to_post_number'), 'reply_to_post_number'),
    author: optionalString(p.username, at(where, 'username'), 'username'),
    createdAt: toUtcIso(p.created_at, at(where, 'created_at')),
    html: tidyCooked(readString(p.cooked, at(where, 'cooked'), 'cooked HTML')),
    likeCount: optionalInt(p.like_count, at(where, 'like_count'), 'like_count') ?? likesFromActions(p.actions_summary),
    ...(p.accepted_answer === true || postNumber === acceptedNumber ? { acceptedAnswer: true } : {}),
    ...authorStanding(p, where),
  };
}

// Older Discourse versions report likes only as actions_summary entry id 2.
function likesFromActions(actions: unknown): number | undefined {
  if (!Array.isArray(actions)) return undefined;
  const like = actions.find((a) => isObject(a) && a.id === 2);
  return isObject(like) && typeof like.count === 'number' ? like.count : undefined;
}

/** A name the topic carries, else its category_id's label from the forum's category list, else the bare id. */
function category(raw: Record<string, unknown>, where: ErrorWhere, labels: Labels): string | undefined {
  if (isObject(raw.category) && typeof raw.category.name === 'string') return raw.category.name;
  const named = optionalString(raw.category_name, at(where, 'category_name'), 'category_name');
  if (named) return named;
  const id = optionalString(raw.category_id, at(where, 'category_id'), 'category_id');
  return id === undefined ? undefined : (labels.get(id) ?? id);
}

// The forum's categories, read once at the start of every run: /site.json lists them all, flat,
// with parent_category_id; a forum that leaves them out of site.json (lazy-loaded categories)
// or refuses it is asked /categories.json?include_subcategories=true. They are stored with the
// source (names and parents), so threads show "Parent › Child" instead of a category id, and
// they resolve --category.
import type { Db } from '../db/open.ts';
import { saveForumCategories } from '../db/source-categories.ts';
import { AppError } from '../http/errors.ts';
import { type ForumCategory, readForumCategoryList } from '../import/forum-category-list.ts';
import { isObject } from '../import/fields.ts';
import { type DiscourseHttp, HttpError } from './http.ts';
import type { ForumCategoryRef } from './listing.ts';

const SITE = '/site.json';
const CATEGORIES = '/categories.json?include_subcategories=true';

export async function collectForumCategories(
  http: DiscourseHttp,
  db: Db,
  sourceId: number | null,
): Promise<ForumCategory[]> {
  const site = await getOrRefused(http, SITE);
  const json = isObject(site) && Array.isArray(site.categories) ? site : await getOrRefused(http, CATEGORIES);
  if (json === undefined) return [];
  let list: ForumCategory[];
  try {
    list = readForumCategoryList(json, json === site ? SITE : CATEGORIES);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError('collect.bad_listing', 422, err.message, err.where);
  }
  // A source not created yet gets them when its first topic is stored (collector.ts).
  if (sourceId !== null) saveForumCategories(db, sourceId, list);
  return list;
}

/** The forum's JSON, or undefined when it refuses (403/404/410): category names are then left as ids. */
async function getOrRefused(http: DiscourseHttp, path: string): Promise<unknown> {
  try {
    return await http.getJson(path);
  } catch (err) {
    if (err instanceof HttpError && [403, 404, 410].includes(err.status)) return undefined;
    throw err;
  }
}

/** A category by slug, "parent/child" slugs, or numeric id. */
export function findForumCategory(list: ForumCategory[], wanted: string): ForumCategoryRef {
  const byId = new Map(list.map((c) => [c.id, c]));
  const path = (c: ForumCategory) => {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent?.slug ? `${parent.slug}/${c.slug}` : c.slug;
  };
  const found = list.find((c) => c.slug !== null && (c.slug === wanted || path(c) === wanted || c.id === wanted));
  if (!found) {
    const known = list.flatMap((c) => (c.slug === null ? [] : c.parentId ? [c.slug, path(c)] : [c.slug]));
    throw new AppError(
      'collect.no_category',
      400,
      `The forum has no category "${wanted}". Its categories: ${[...new Set(known)].join(', ') || 'none'}.`,
      { field: 'category' },
    );
  }
  return { id: Number(found.id), slug: found.slug!, name: found.name };
}

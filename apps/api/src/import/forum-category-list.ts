// A Discourse forum's categories, from either of its two JSON shapes:
//   /site.json                                   { categories: [{ id, name, slug, parent_category_id?, … }] } (flat)
//   /categories.json?include_subcategories=true  { category_list: { categories: [{ id, name, slug,
//                                                   subcategory_list: [{ …, parent_category_id }] }] } } (nested)
// and the label a thread shows: "Parent › Child" (a category may nest two levels deep).
import type { ErrorWhere } from '../http/errors.ts';
import { ImportError } from './errors.ts';
import { isObject } from './fields.ts';

export interface ForumCategory {
  id: string;
  name: string;
  slug: string | null;
  parentId: string | null;
}

const bad = (where: ErrorWhere, what: string) =>
  new ImportError(
    'import.bad_categories',
    400,
    `Not a Discourse category list (/site.json or /categories.json): ${what}${where.field ? ` at ${where.field}` : ''}${where.file ? ` in ${where.file}` : ''}.`,
    where,
    true,
  );

export function readForumCategoryList(json: unknown, file?: string): ForumCategory[] {
  if (isObject(json) && Array.isArray(json.categories))
    return json.categories.map((c, i) => one(c, `categories[${i}]`, null, file));
  const list = isObject(json) && isObject(json.category_list) ? json.category_list.categories : undefined;
  if (!Array.isArray(list)) throw bad({ file }, 'it has neither categories nor category_list.categories');
  const out: ForumCategory[] = [];
  const walk = (items: unknown[], path: string, parentId: string | null) =>
    items.forEach((c, i) => {
      const field = `${path}[${i}]`;
      const category = one(c, field, parentId, file);
      out.push(category);
      if (isObject(c) && Array.isArray(c.subcategory_list))
        walk(c.subcategory_list, `${field}.subcategory_list`, category.id);
    });
  walk(list, 'category_list.categories', null);
  return out;
}

function one(c: unknown, field: string, parentId: string | null, file?: string): ForumCategory {
  if (!isObject(c) || typeof c.id !== 'number')
    throw bad({ file, field: `${field}.id` }, 'a category without a numeric id');
  if (typeof c.name !== 'string' || c.name.trim() === '')
    throw bad({ file, field: `${field}.name` }, 'a category without a name');
  const parent = typeof c.parent_category_id === 'number' ? String(c.parent_category_id) : parentId;
  return { id: String(c.id), name: c.name.trim(), slug: typeof c.slug === 'string' ? c.slug : null, parentId: parent };
}

/** id -> "Grandparent › Parent › Name"; a parent missing from the list is left out of the label. */
export function forumCategoryLabels(list: ForumCategory[]): Map<string, string> {
  const byId = new Map(list.map((c) => [c.id, c]));
  const labels = new Map<string, string>();
  for (const c of list) {
    const names = [c.name];
    // Discourse nests at most three levels; the bound also stops a cycle in a hand-made file.
    for (
      let p = c.parentId ? byId.get(c.parentId) : undefined;
      p && names.length < 3;
      p = p.parentId ? byId.get(p.parentId) : undefined
    )
      names.unshift(p.name);
    labels.set(c.id, names.join(' › '));
  }
  return labels;
}

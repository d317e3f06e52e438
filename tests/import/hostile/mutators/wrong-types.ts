// One field of one record replaced by a value of the wrong type (or an impossible value).
// Each must fail at that record's line and name the field; which error follows from the field:
// ids and counts are wrong_type, a missing required value is missing_field, a bad date invalid_date.
import type { ErrorWhere } from '../../../../apps/api/src/http/errors.ts';
import { utf8, type HostileCase } from '../case.ts';
import { discourseArray, discourseJsonl, postsCsv, postsJsonl, stackExchange } from '../bases.ts';
import type { Random } from '../random.ts';

type Code = 'wrong_type' | 'missing_field' | 'invalid_date' | 'no_posts';
/** [field path, bad value, expected error]. */
type Swap = [string, unknown, Code];

const deep = (n: number): unknown => JSON.parse('['.repeat(n) + ']'.repeat(n));

const topicSwaps: Swap[] = [
  ['id', {}, 'wrong_type'],
  ['id', [], 'wrong_type'],
  ['id', true, 'wrong_type'],
  ['id', 1.5, 'wrong_type'],
  ['id', -3, 'wrong_type'],
  ['id', 2 ** 60, 'wrong_type'],
  ['id', '   ', 'wrong_type'],
  ['id', null, 'missing_field'],
  ['id', '', 'missing_field'],
  ['title', 42, 'wrong_type'],
  ['title', [], 'wrong_type'],
  ['title', { text: 'x' }, 'wrong_type'],
  ['title', null, 'missing_field'],
  ['title', false, 'wrong_type'],
  ['created_at', true, 'invalid_date'],
  ['created_at', {}, 'invalid_date'],
  ['created_at', 'yesterday', 'invalid_date'],
  ['created_at', '2021-02-29T00:00:00Z', 'invalid_date'],
  ['created_at', '2021-13-01T00:00:00Z', 'invalid_date'],
  ['created_at', 1e20, 'invalid_date'],
  ['created_at', -1, 'invalid_date'],
  ['created_at', null, 'invalid_date'],
  ['created_at', '9999-01-01T00:00:00Z', 'invalid_date'],
  ['created_at', '2021-06-01T25:00:00Z', 'invalid_date'],
  ['created_at', '2021-06-01T00:00:00+25:00', 'invalid_date'],
  ['tags', 'a,b', 'wrong_type'],
  ['tags', { a: 1 }, 'wrong_type'],
  ['tags', 7, 'wrong_type'],
  ['slug', {}, 'wrong_type'],
  ['slug', ['a'], 'wrong_type'],
  ['post_stream', 'posts', 'missing_field'],
  ['post_stream', [], 'missing_field'],
  ['post_stream', null, 'missing_field'],
  ['post_stream.posts', {}, 'wrong_type'],
  ['post_stream.posts', 'x', 'wrong_type'],
  ['post_stream.posts', null, 'wrong_type'],
  ['post_stream.posts', [], 'no_posts'],
  ['views', 'many', 'wrong_type'],
  ['views', 1.5, 'wrong_type'],
  ['views', {}, 'wrong_type'],
  ['category_id', { id: 1 }, 'wrong_type'],
];

const postSwaps: Swap[] = [
  ['', 'a post', 'wrong_type'],
  ['', 5, 'wrong_type'],
  ['', null, 'wrong_type'],
  ['', [], 'wrong_type'],
  ['post_number', 'first', 'wrong_type'],
  ['post_number', 0, 'wrong_type'],
  ['post_number', -1, 'wrong_type'],
  ['post_number', 1.5, 'wrong_type'],
  ['post_number', null, 'missing_field'],
  ['post_number', {}, 'wrong_type'],
  ['id', {}, 'wrong_type'],
  ['id', false, 'wrong_type'],
  ['id', null, 'missing_field'],
  ['cooked', 5, 'wrong_type'],
  ['cooked', null, 'missing_field'],
  ['cooked', { html: '<p>x</p>' }, 'wrong_type'],
  ['cooked', ['<p>x</p>'], 'wrong_type'],
  ['username', {}, 'wrong_type'],
  ['username', [], 'wrong_type'],
  ['username', true, 'wrong_type'],
  ['created_at', 'soon', 'invalid_date'],
  ['created_at', '2021-06-31T00:00:00Z', 'invalid_date'],
  ['created_at', false, 'invalid_date'],
  ['reply_to_post_number', 'one', 'wrong_type'],
  ['like_count', 'lots', 'wrong_type'],
  ['like_count', 2.5, 'wrong_type'],
];

const postRowSwaps: Swap[] = [
  ['', 5, 'wrong_type'],
  ['', 'a post', 'wrong_type'],
  ['', null, 'wrong_type'],
  ['', [1, 2], 'wrong_type'],
  ['', deep(1000), 'wrong_type'],
  ['thread_id', {}, 'wrong_type'],
  ['thread_id', true, 'wrong_type'],
  ['thread_id', 1.5, 'wrong_type'],
  ['thread_id', null, 'missing_field'],
  ['post_id', [], 'wrong_type'],
  ['post_id', -7, 'wrong_type'],
  ['post_id', '', 'missing_field'],
  ['created_at', [2024, 2, 1], 'invalid_date'],
  ['created_at', 'last week', 'invalid_date'],
  ['created_at', 1e15, 'invalid_date'],
  ['body', 5, 'wrong_type'],
  ['body', null, 'missing_field'],
  ['body', { text: 'x' }, 'wrong_type'],
  ['author', {}, 'wrong_type'],
  ['title', ['t'], 'wrong_type'],
  ['category', { name: 'c' }, 'wrong_type'],
  ['tags', 5, 'wrong_type'],
  ['tags', { a: 1 }, 'wrong_type'],
];

// CSV and XML hold text only: the wrong "types" are text that cannot be the field.
const csvSwaps: [number, string, Code][] = [
  [1, '', 'missing_field'],
  [1, '"   "', 'wrong_type'],
  [0, '', 'missing_field'],
  [3, 'not a date', 'invalid_date'],
  [3, '2022-02-30 10:00:00', 'invalid_date'],
  [3, '', 'invalid_date'],
  [3, '99999999999999', 'invalid_date'],
];
const csvColumns = ['thread_id', 'post_id', 'author', 'created_at', 'title', 'body', 'category', 'tags'];

const xmlSwaps: [string, string | undefined, Code, 'question' | 'answer'][] = [
  ['Id', '', 'missing_field', 'question'],
  ['Id', undefined, 'missing_field', 'answer'],
  ['CreationDate', 'yesterday', 'invalid_date', 'question'],
  ['CreationDate', '2020-02-30T00:00:00.000', 'invalid_date', 'answer'],
  ['CreationDate', undefined, 'invalid_date', 'question'],
  ['ViewCount', 'many', 'wrong_type', 'question'],
  ['Score', '1.5', 'wrong_type', 'answer'],
  ['Score', '1e3', 'wrong_type', 'question'],
  ['Title', undefined, 'missing_field', 'question'],
  ['Title', '', 'missing_field', 'question'],
  ['ParentId', undefined, 'missing_field', 'answer'],
  ['ParentId', '', 'missing_field', 'answer'],
];

export function wrongTypeCases(rng: Random): HostileCase[] {
  const out: HostileCase[] = [];
  // JSONL topics: the topic on line 2, or the first post of line 1; the array: its element [1].
  topicSwaps.forEach(([path, value, code], i) => {
    const jsonl = rng.next() < 0.7;
    out.push(
      jsonl
        ? discourseLine(`type-topic-${i}.jsonl`, 2, path, value, code)
        : discourseElement(`type-topic-${i}.json`, path, value, code),
    );
  });
  postSwaps.forEach(([path, value, code], i) => {
    out.push(discourseLine(`type-post-${i}.jsonl`, 1, `post_stream.posts[1]${path ? `.${path}` : ''}`, value, code));
  });
  postRowSwaps.forEach(([path, value, code], i) => {
    out.push(postRow(`type-row-${i}.jsonl`, rng.int(1, 4), path, value, code));
  });
  csvSwaps.forEach(([col, value, code], i) => {
    out.push(csvCell(`type-cell-${i}.csv`, rng.int(0, 4), col, value, code));
  });
  xmlSwaps.forEach(([attr, value, code, kind], i) => {
    out.push(xmlAttr(`type-attr-${i}.xml`, attr, value, code, kind));
  });
  return out;
}

function failure(name: string, code: Code, where: ErrorWhere): HostileCase['expected'] {
  return { ok: false, code: `import.${code}`, where: { file: name, ...where } };
}

/** Sets `path` (dots and [i]) in `obj` to `value`; an empty path replaces the whole. */
function setPath(obj: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const steps = path.match(/[^.[\]]+/g)!;
  let node = obj as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  node[steps.at(-1)!] = value;
  return obj;
}

function discourseLine(name: string, line: number, path: string, value: unknown, code: Code): HostileCase {
  const lines = discourseJsonl.text.trimEnd().split('\n');
  lines[line - 1] = JSON.stringify(setPath(JSON.parse(lines[line - 1]!), path, value));
  // A post-level error names the post; a thread left with no posts is reported after it.
  const field = code === 'no_posts' ? {} : { field: path };
  return {
    category: 'wrong-type',
    name,
    format: 'discourse',
    bytes: () => utf8(`${lines.join('\n')}\n`),
    expected: failure(name, code, { line, ...field }),
  };
}

function discourseElement(name: string, path: string, value: unknown, code: Code): HostileCase {
  const topics = JSON.parse(discourseArray.text) as unknown[];
  topics[1] = setPath(topics[1], path, value);
  const text = `[\n${topics.map((t) => JSON.stringify(t)).join(',\n')}\n]\n`;
  return {
    category: 'wrong-type',
    name,
    format: 'discourse',
    bytes: () => utf8(text),
    expected: failure(name, code, { field: code === 'no_posts' ? '[1]' : `[1].${path}` }),
  };
}

function postRow(name: string, line: number, path: string, value: unknown, code: Code): HostileCase {
  const lines = postsJsonl.text.trimEnd().split('\n');
  lines[line - 1] = JSON.stringify(setPath(JSON.parse(lines[line - 1]!), path, value));
  return {
    category: 'wrong-type',
    name,
    format: 'jsonl',
    bytes: () => utf8(`${lines.join('\n')}\n`),
    expected: failure(name, code, { line, ...(path ? { field: path } : {}) }),
  };
}

/** posts.csv has single-line rows on lines 4 (p2) and 8 (p3); replace one of their first four cells. */
function csvCell(name: string, pick: number, col: number, value: string, code: Code): HostileCase {
  const lines = postsCsv.text.split('\n');
  const line = pick % 2 === 0 ? 4 : 8;
  const cells = lines[line - 1]!.split(',');
  cells[col] = value;
  lines[line - 1] = cells.join(',');
  return {
    category: 'wrong-type',
    name,
    format: 'csv',
    bytes: () => utf8(lines.join('\n')),
    expected: failure(name, code, { line, field: csvColumns[col]! }),
  };
}

/** Posts.xml: question 10 is on line 3, its answer 11 on line 4. */
function xmlAttr(
  name: string,
  attr: string,
  value: string | undefined,
  code: Code,
  kind: 'question' | 'answer',
): HostileCase {
  const lines = stackExchange.text.split('\n');
  const line = kind === 'question' ? 3 : 4;
  const pattern = new RegExp(` ${attr}="[^"]*"`);
  const row = lines[line - 1]!;
  lines[line - 1] =
    value === undefined
      ? row.replace(pattern, '')
      : pattern.test(row)
        ? row.replace(pattern, ` ${attr}="${value}"`)
        : row.replace('<row', `<row ${attr}="${value}"`);
  return {
    category: 'wrong-type',
    name,
    format: 'stackexchange',
    bytes: () => utf8(lines.join('\n')),
    expected: failure(name, code, { line, field: attr }),
  };
}

// One CSV row or JSONL object -> a staged post row, then staged groups -> threads.
// Thread fields (title, category, tags) come from the thread's earliest post that has them,
// since exports either repeat them on every row or give them only on the first.
import type { ErrorWhere } from '../../http/errors.ts';
import { parseDateWithFormat } from '../date-format.ts';
import { toUtcIso } from '../dates.ts';
import { importErrors } from '../errors.ts';
import { optionalString, readId, readString } from '../fields.ts';
import type { StagedRow } from '../stager.ts';
import { splitTags, textToHtml } from '../text.ts';
import type { ColumnMapping, LocatedThread, NormalizedPost } from '../types.ts';

interface Payload {
  author?: string;
  title?: string;
  category?: string;
  tags?: string[];
  html: string;
}

export function toStagedRow(
  rec: Record<string, unknown>,
  m: ColumnMapping,
  where: ErrorWhere,
  dateFormat?: string,
): StagedRow {
  const f = (field: string): ErrorWhere => ({ ...where, field });
  const body = readString(rec[m.body], f(m.body), `the post body (column "${m.body}")`);
  const tags = rec[m.tags];
  if (tags !== undefined && tags !== null && typeof tags !== 'string' && !Array.isArray(tags))
    throw importErrors.wrongType(f(m.tags), 'tags as text or a list', tags);
  const payload: Payload = {
    author: optionalString(rec[m.author], f(m.author), 'author'),
    title: optionalString(rec[m.title], f(m.title), 'title'),
    category: optionalString(rec[m.category], f(m.category), 'category'),
    tags: tags === undefined || tags === null ? undefined : splitTags(tags),
    html: m.bodyFormat === 'text' ? textToHtml(body) : body,
  };
  return {
    threadKey: readId(rec[m.threadId], f(m.threadId), `the thread id (column "${m.threadId}")`),
    head: false,
    externalId: readId(rec[m.postId], f(m.postId), `the post id (column "${m.postId}")`),
    createdAt: dateFormat
      ? parseDateWithFormat(rec[m.createdAt], dateFormat, f(m.createdAt))
      : toUtcIso(rec[m.createdAt], f(m.createdAt)),
    line: where.line ?? 0,
    payload: JSON.stringify(payload),
  };
}

export function groupToThread(group: StagedRow[], file: string): LocatedThread {
  const first = group[0]!;
  const payloads = group.map((r) => JSON.parse(r.payload) as Payload);
  const posts: NormalizedPost[] = group.map((r, i) => ({
    externalId: r.externalId,
    postNumber: i + 1,
    author: payloads[i]!.author,
    createdAt: r.createdAt,
    html: payloads[i]!.html,
  }));
  const firstWith = <K extends keyof Payload>(k: K): Payload[K] | undefined =>
    payloads.find((p) => p[k] !== undefined && p[k] !== '')?.[k];
  const thread = {
    externalId: first.threadKey,
    // A table without titles still needs one per thread: name it by its id.
    title: firstWith('title') ?? `Thread ${first.threadKey}`,
    category: firstWith('category'),
    tags: firstWith('tags') ?? [],
    createdAt: first.createdAt,
    posts,
  };
  return { thread, where: { file, line: first.line }, postWhere: group.map((r) => ({ file, line: r.line })) };
}

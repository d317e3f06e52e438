// The Hub's public model listing, GET /api/models, newest first (sort=createdAt, direction=-1),
// with the fields the study needs in the listing itself (full: createdAt, siblings; config:
// model_type; cardData), so one request per page of up to 1,000 models and none per model. The
// next page is the Link header's rel="next" URL (a cursor in its query), as huggingface_hub's
// paginate() follows it; its path and query are read against the configured Hub address (a
// mirror or the test replay), never its host.
import { AppError } from '../http/errors.ts';
import type { HubOptions } from './options.ts';

export function firstListingPath(o: HubOptions): string {
  const q = new URLSearchParams({ sort: 'createdAt', direction: '-1', limit: String(o.pageSize) });
  q.append('full', 'true');
  q.append('config', 'true');
  q.append('cardData', 'true');
  if (o.search) q.append('search', o.search);
  if (o.author) q.append('author', o.author);
  if (o.pipelineTag) q.append('pipeline_tag', o.pipelineTag);
  if (o.library) q.append('library', o.library);
  return `/api/models?${q}`;
}

/** The path and query of the Link header's rel="next" target under the Hub's base path; null when there is none. */
export function nextListingPath(link: string | null, hubUrl: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2]!)) continue;
    let target: URL;
    try {
      target = new URL(m[1]!, hubUrl);
    } catch {
      throw new AppError('hub.bad_listing', 422, `The Hub's next-page link "${m[1]}" is not an address.`);
    }
    const base = new URL(hubUrl).pathname.replace(/\/+$/, '');
    const path = base && target.pathname.startsWith(`${base}/`) ? target.pathname.slice(base.length) : target.pathname;
    if (!path.startsWith('/api/models'))
      throw new AppError('hub.bad_listing', 422, `The Hub's next-page link leads to ${path}, not the model listing.`);
    return `${path}${target.search}`;
  }
  return null;
}

// What a person asks of the Hub collector (CLI flags, the Sources form) -> checked HubOptions.
// Dates select models by createdAt: since inclusive; a date-only until includes that day.
import { AppError } from '../http/errors.ts';

export interface HubRequest {
  hubUrl?: string;
  since?: string;
  until?: string;
  author?: string;
  pipelineTag?: string;
  library?: string;
  search?: string;
  maxModels?: number;
  rate?: number;
  pageSize?: number;
  cardDetails?: boolean;
}

export interface HubOptions {
  hubUrl: string;
  since?: string;
  until?: string;
  author?: string;
  pipelineTag?: string;
  library?: string;
  search?: string;
  maxModels?: number;
  /** Requests per second. */
  rate: number;
  /** Models per listing page (the Hub serves at most 1,000). */
  pageSize: number;
  /** One request per model whose listing left its card open (hub/card-details.ts); absent in runs stored before. */
  cardDetails?: boolean;
}

const DEFAULT_HUB_URL = 'https://huggingface.co';
const DEFAULT_HUB_RATE = 1;
const MAX_HUB_RATE = 10;
const MAX_PAGE_SIZE = 1000;

const bad = (field: string, message: string) => new AppError('hub.bad_option', 400, message, { field });

export function resolveHubOptions(r: HubRequest): HubOptions {
  const hubUrl = hubAddress(r.hubUrl?.trim() || DEFAULT_HUB_URL);
  const since = r.since ? dateBound(r.since, 'since', false) : undefined;
  const until = r.until ? dateBound(r.until, 'until', true) : undefined;
  if (since && until && since >= until)
    throw bad('until', `--until (${r.until}) must come after --since (${r.since}).`);
  if (r.maxModels !== undefined && !(Number.isSafeInteger(r.maxModels) && r.maxModels > 0))
    throw bad('maxModels', `The most models to collect must be a whole number of 1 or more, not ${r.maxModels}.`);
  const rate = r.rate ?? DEFAULT_HUB_RATE;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= MAX_HUB_RATE))
    throw bad('rate', `The rate must be more than 0 and at most ${MAX_HUB_RATE} requests per second, not ${r.rate}.`);
  const pageSize = r.pageSize ?? MAX_PAGE_SIZE;
  if (!(Number.isSafeInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE))
    throw bad('pageSize', `A listing page holds 1 to ${MAX_PAGE_SIZE} models, not ${r.pageSize}.`);
  const text = (v: string | undefined) => v?.trim() || undefined;
  return {
    hubUrl,
    since,
    until,
    author: text(r.author),
    pipelineTag: text(r.pipelineTag),
    library: text(r.library),
    search: text(r.search),
    maxModels: r.maxModels,
    rate,
    pageSize,
    cardDetails: r.cardDetails ?? false,
  };
}

function hubAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('hubUrl', `"${value}" is not a web address; the Hub is ${DEFAULT_HUB_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw bad('hubUrl', `The Hub address must start with http:// or https://, not ${url.protocol}//.`);
  if (url.username || url.password) throw bad('hubUrl', 'Put no user name or password in the Hub address.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function dateBound(value: string, field: 'since' | 'until', endOfDay: boolean): string {
  const v = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ms = Date.parse(dateOnly ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(ms) || (dateOnly && new Date(ms).toISOString().slice(0, 10) !== v))
    throw bad(field, `--${field} "${value}" is not a date; use YYYY-MM-DD or an ISO-8601 time.`);
  return new Date(dateOnly && endOfDay ? ms + 86_400_000 : ms).toISOString();
}

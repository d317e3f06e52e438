// What a person asks for (CLI flags, the Sources form) -> checked CollectionOptions.
// Dates select topics by created_at: since is inclusive; a date-only until includes that day.
import { AppError } from '../http/errors.ts';
import { isoDay } from '../http/iso-day.ts';
import type { CollectionOptions } from './state.ts';

export interface CollectRequest {
  forumUrl: string;
  source?: string;
  category?: string;
  since?: string;
  until?: string;
  maxTopics?: number;
  rate?: number;
  wholeForum?: boolean;
}

const DEFAULT_RATE = 1;
const MAX_RATE = 10;

const bad = (field: string, message: string) => new AppError('collect.bad_option', 400, message, { field });

export function resolveOptions(r: CollectRequest): CollectionOptions {
  const forumUrl = forumAddress(r.forumUrl);
  const since = r.since ? dateBound(r.since, 'since', false) : undefined;
  const until = r.until ? dateBound(r.until, 'until', true) : undefined;
  if (since && until && since >= until)
    throw bad('until', `--until (${r.until}) must come after --since (${r.since}).`);
  if (r.maxTopics !== undefined && !(Number.isSafeInteger(r.maxTopics) && r.maxTopics > 0))
    throw bad('maxTopics', `The most topics to collect must be a whole number of 1 or more, not ${r.maxTopics}.`);
  const rate = r.rate ?? DEFAULT_RATE;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= MAX_RATE))
    throw bad('rate', `The rate must be more than 0 and at most ${MAX_RATE} requests per second, not ${r.rate}.`);
  const category = r.category?.trim() || undefined;
  const source = r.source?.trim() || new URL(forumUrl).hostname;
  if (r.wholeForum) {
    const narrowing = (['category', 'since', 'until', 'maxTopics'] as const).find(
      (k) => r[k] !== undefined && r[k] !== '',
    );
    if (narrowing)
      throw bad(
        narrowing,
        `--whole-forum collects every topic; for one category, a date range or a number of topics, collect topic by topic (without --whole-forum).`,
      );
    return { forumUrl, source, rate, wholeForum: true };
  }
  return { forumUrl, source, category, since, until, maxTopics: r.maxTopics, rate };
}

/** The forum's root address: http(s) only, no query, no trailing slash (a forum may live under a path). */
function forumAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw bad(
      'forumUrl',
      `"${value}" is not a web address; give the forum's address, e.g. https://discuss.huggingface.co.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw bad('forumUrl', `The forum address must start with http:// or https://, not ${url.protocol}//.`);
  if (url.username || url.password)
    throw bad(
      'forumUrl',
      'Put no user name or password in the forum address; set THREADCODER_DISCOURSE_API_KEY instead.',
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function dateBound(value: string, field: 'since' | 'until', endOfDay: boolean): string {
  const v = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ms = Date.parse(dateOnly ? `${v}T00:00:00Z` : v);
  // Date.parse rolls 2023-02-30 over to March; the calendar check refuses it.
  if (Number.isNaN(ms) || (dateOnly && !isoDay.safeParse(v).success)) {
    throw bad(field, `--${field} "${value}" is not a date; use YYYY-MM-DD or an ISO-8601 time.`);
  }
  return new Date(dateOnly && endOfDay ? ms + 86_400_000 : ms).toISOString();
}

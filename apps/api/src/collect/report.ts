// What a collection run did, summed over the per-topic imports it ran.
import type { Counts, ImportReport, Rejection } from '../import/index.ts';

export interface CollectionReport {
  threads: Counts;
  posts: Counts;
  rejected: Rejection[];
  rejectedOmitted: number;
  skipped: { reason: string; count: number }[];
  /** Topics the forum refused (404, 403) or that could not be imported, with why. */
  failedTopics: { topicId: number; reason: string }[];
}

const MAX_LISTED = 100;

export function emptyReport(): CollectionReport {
  const zero = () => ({ new: 0, updated: 0, unchanged: 0 });
  return { threads: zero(), posts: zero(), rejected: [], rejectedOmitted: 0, skipped: [], failedTopics: [] };
}

export function addImport(into: CollectionReport, r: ImportReport): void {
  for (const k of ['new', 'updated', 'unchanged'] as const) {
    into.threads[k] += r.threads[k];
    into.posts[k] += r.posts[k];
  }
  const room = Math.max(0, MAX_LISTED - into.rejected.length);
  into.rejected.push(...r.rejected.slice(0, room));
  into.rejectedOmitted += r.rejectedOmitted + Math.max(0, r.rejected.length - room);
  for (const s of r.skipped) {
    const same = into.skipped.find((x) => x.reason === s.reason);
    if (same) same.count += s.count;
    else into.skipped.push({ ...s });
  }
}

export function addFailedTopic(into: CollectionReport, topicId: number, reason: string): void {
  if (into.failedTopics.length < MAX_LISTED) into.failedTopics.push({ topicId, reason });
}

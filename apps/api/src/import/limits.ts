import type { ColumnMapping, ImportLimits } from './types.ts';

const MiB = 1024 * 1024;

// Defaults sized for real dumps (a Stack Exchange Posts.xml reaches gigabytes) while refusing
// input that could only be a mistake or an attack. Every value can be overridden per import.
export const defaultLimits: ImportLimits = {
  maxFileBytes: 8 * 1024 * MiB,
  maxPostBytes: 1 * MiB,
  maxPosts: 20_000_000,
  maxRecordBytes: 64 * MiB,
  zipMaxEntries: 200_000,
  zipMaxEntryBytes: 256 * MiB,
  zipMaxTotalBytes: 8 * 1024 * MiB,
  zipMaxRatio: 100,
  maxRejections: 1000,
};

export function resolveLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  return { ...defaultLimits, ...overrides };
}

export const defaultMapping: ColumnMapping = {
  threadId: 'thread_id',
  postId: 'post_id',
  author: 'author',
  createdAt: 'created_at',
  title: 'title',
  body: 'body',
  category: 'category',
  tags: 'tags',
  bodyFormat: 'text',
};

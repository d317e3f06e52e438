// The import module's public shapes. Parsers turn any supported dump into NormalizedThreads;
// the store only ever sees these, so adding a format never touches the database code (the
// list of formats is import/formats.ts).
import type { SearchIndexState } from '../db/search-catchup.ts';
import type { ErrorWhere } from '../http/errors.ts';

import type { ImportFormat } from './formats.ts';

export type { ImportFormat } from './formats.ts';
export type ImportMode = 'strict' | 'lenient';

export interface NormalizedPost {
  externalId: string;
  postNumber: number;
  /** The post_number this post replies to, when the forum records it. */
  replyTo?: number;
  author?: string;
  /** UTC ISO-8601, e.g. 2023-05-01T12:00:00.000Z. */
  createdAt: string;
  /** As found in the dump: unsanitized. The store sanitizes it. */
  html: string;
  likeCount?: number;
  /** The forum marks this post as its thread's accepted answer (Discourse Solved, Stack Exchange). */
  acceptedAnswer?: boolean;
  /** The author's strongest forum flag as shown with the post (Discourse admin / moderator / staff). */
  authorRole?: AuthorRole;
  /** The author's primary group, title and flair as shown with the post. */
  authorGroup?: string;
  authorTitle?: string;
  authorFlair?: string;
  authorTrustLevel?: number;
}

export type AuthorRole = 'admin' | 'moderator' | 'staff';

export interface NormalizedThread {
  externalId: string;
  title: string;
  category?: string;
  tags: string[];
  url?: string;
  views?: number;
  createdAt: string;
  /** The forum marks an accepted answer (a topic "Solved", a question's AcceptedAnswerId). */
  solved?: boolean;
  /** A Stack Exchange question's Score. */
  score?: number;
  posts: NormalizedPost[];
}

/** A thread plus where it and each of its posts came from, for error messages. */
export interface LocatedThread {
  thread: NormalizedThread;
  where: ErrorWhere;
  /** Parallel to thread.posts. */
  postWhere: ErrorWhere[];
}

export interface Rejection {
  code: string;
  reason: string;
  where: ErrorWhere;
}

export interface Counts {
  new: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  format: ImportFormat;
  threads: Counts;
  posts: Counts;
  /** Records left out in lenient mode, each with its location; capped at limits.maxRejections. */
  rejected: Rejection[];
  /** How many rejections did not fit in `rejected`. */
  rejectedOmitted: number;
  /** Records that are not forum posts (e.g. tag wikis), counted rather than silently dropped. */
  skipped: { reason: string; count: number }[];
  /**
   * The search index when the import was done (its rows committed): 'indexing' when a big
   * import left rows for catch-up, so search may miss them for a while. Absent in reports
   * of imports made before deferred indexing.
   */
  search?: SearchIndexState;
  /**
   * Links and images of the posts sanitized in this import that stayed relative (`/t/…`,
   * `/u/…`, `/uploads/…`) because no base URL was known: links show as text, images are
   * dropped. Importing again with the forum's address (`baseUrl`) makes them absolute.
   * Absent in reports of imports made before it was counted.
   */
  links?: { relative: number; baseUrl: string | null };
}

/** Which column (CSV) or key (JSONL) holds each post field. */
export interface ColumnMapping {
  threadId: string;
  postId: string;
  author: string;
  createdAt: string;
  title: string;
  body: string;
  category: string;
  tags: string;
  /** 'text' bodies are escaped into <p> paragraphs; 'html' bodies are sanitized. */
  bodyFormat: 'text' | 'html';
}

export interface ImportLimits {
  maxFileBytes: number;
  /** Largest post HTML, in bytes. */
  maxPostBytes: number;
  maxPosts: number;
  /** Largest single JSON record (one JSONL line or one topic), in bytes. */
  maxRecordBytes: number;
  zipMaxEntries: number;
  zipMaxEntryBytes: number;
  zipMaxTotalBytes: number;
  /** Uncompressed / compressed size above which an entry is treated as a zip bomb. */
  zipMaxRatio: number;
  maxRejections: number;
}

export interface ImportProgress {
  bytesRead: number;
  postsRead: number;
}

/** What a parser yields: a thread ready to store, a rejected record, or a count of skipped non-posts. */
export type ParsedItem =
  | { kind: 'thread'; value: LocatedThread }
  | { kind: 'reject'; error: import('./errors.ts').ImportError }
  | { kind: 'skip'; reason: string; count: number };

export interface ParseContext {
  file: string;
  limits: ImportLimits;
  progress: ImportProgress;
  baseUrl?: string;
  mapping: ColumnMapping;
  /** Discourse category id -> the label threads show ("Parent › Child"). */
  categories?: ReadonlyMap<string, string>;
  /** date-fns pattern of CSV/JSONL created dates (checked before parsing); absent: ISO-8601 or Unix time. */
  dateFormat?: string;
}

// runImportFile: one import, start to finish, on the calling thread's event loop.
// Phase 1 (pipeline.ts) parses, checks and sanitizes into staging with no write lock;
// phase 2 (store.ts) writes everything in one transaction. Strict mode fails on the first
// bad record before phase 2, so nothing is written; lenient mode stores the rest.
import { availableParallelism } from 'node:os';
import type { Db } from '../db/open.ts';
import { forumCategoryLabelsFor } from '../db/source-categories.ts';
import { dumpForumCategories } from './forum-category-file.ts';
import { checkDateFormat } from './date-format.ts';
import { detectFormat } from './detect.ts';
import { parseDiscourse } from './discourse/parse.ts';
import { importErrors } from './errors.ts';
import { openInput, type InputFile } from './input.ts';
import { resolveLimits } from './limits.ts';
import { prepare } from './pipeline.ts';
import { inlinePool, workerPool, type SanitizePool } from './pool.ts';
import { ReportBuilder } from './report.ts';
import { parseStackExchange } from './stackexchange/parse.ts';
import { Staging } from './staging.ts';
import { storeStaged } from './store.ts';
import { resolveMapping } from './table/mapping.ts';
import { parseTable } from './table/parse.ts';
import type {
  ImportFormat,
  ImportLimits,
  ImportMode,
  ImportProgress,
  ImportReport,
  ParseContext,
  ParsedItem,
} from './types.ts';

export interface ImportOptions {
  /** The source's name; the source is created (with sourceKind, default the format) on first import. */
  source: string;
  sourceKind?: ImportFormat;
  /** Detected from the name and content when absent. */
  format?: ImportFormat;
  mode?: ImportMode;
  /** CSV/JSONL column names, e.g. { threadId: 'topic_id', bodyFormat: 'html' }. */
  mapping?: Partial<Record<string, string>>;
  /** date-fns pattern of the created dates in a CSV/JSONL table, e.g. "MMM d, yyyy h:mm a"; default ISO-8601. */
  dateFormat?: string;
  /** A Discourse /site.json or /categories.json naming the forum's categories (a zip may hold one instead). */
  categoriesFile?: string;
  /** The forum's address: thread URLs and relative links/images are made from it. */
  baseUrl?: string;
  limits?: Partial<ImportLimits>;
  /** The name shown in error locations (an upload's original name); default the path's basename. */
  fileName?: string;
  /** The imports row to stamp on threads this import creates or changes. */
  importId?: number;
  /** Who owns the source if this import creates it (null or absent: administrators only). */
  ownerId?: number | null;
  /** The source did not exist when the import was queued (see StoreTarget.newSource). */
  newSource?: boolean;
  /** Sanitizer worker threads besides this one; 0 sanitizes inline. Default: 0 for files under 4 MB, else one fewer than the cores (at least 1, at most 3). */
  workers?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Store new rows without their full-text index entries and list them for catch-up
   * (db/search-catchup.ts): the import is done sooner, search catches up after. Default: only
   * from DEFER_INDEX_POSTS staged posts, below which indexing in the transaction costs little.
   */
  deferIndex?: boolean;
}

const WORKER_THRESHOLD = 4 * 1024 * 1024;
const DEFER_INDEX_POSTS = 2000;

export async function runImportFile(db: Db, file: string, options: ImportOptions): Promise<ImportReport> {
  // A re-import without a base URL uses the source's, so links resolve the same way as before.
  const source = db.prepare('SELECT id, base_url AS baseUrl FROM sources WHERE name = ?').get(options.source) as
    | { id: number; baseUrl: string | null }
    | undefined;
  const baseUrl = options.baseUrl ?? source?.baseUrl ?? undefined;
  if (options.dateFormat) checkDateFormat(options.dateFormat);
  const limits = resolveLimits(options.limits);
  const mode = options.mode ?? 'strict';
  const input = await openInput(file, limits, options.fileName);
  const format = options.format ?? detectFormat(input);
  const categories =
    format === 'discourse' ? await dumpForumCategories(input, options.categoriesFile, limits) : undefined;
  const progress: ImportProgress = { bytesRead: 0, postsRead: 0 };
  const ctx: ParseContext = {
    file: input.name,
    limits,
    progress,
    baseUrl,
    mapping: resolveMapping(options.mapping),
    dateFormat: options.dateFormat,
    categories: forumCategoryLabelsFor(db, options.source, categories),
  };
  const workers =
    options.workers ?? (input.size >= WORKER_THRESHOLD ? Math.min(3, Math.max(1, availableParallelism() - 1)) : 0);
  const report = new ReportBuilder(mode, limits.maxRejections);
  // Staging first: if creating it throws, there is no pool to leak; the pool is closed in `finally`.
  const staging = new Staging();
  let pool: SanitizePool | undefined;
  try {
    pool = workers > 0 ? workerPool(workers, baseUrl) : inlinePool(baseUrl);
    const storedHash = source && hashLookup(db, source.id);
    const seen = await prepare(parse(format, input, ctx, mode), {
      limits,
      pool,
      staging,
      report,
      progress,
      storedHash,
      // Enough batches in flight that the main thread sanitizes while a worker is busy, not waits.
      depth: workers > 0 ? 8 + workers * 2 : 1,
      hashSalt: baseUrl ?? '',
      onProgress: options.onProgress && (() => options.onProgress!(progress)),
    });
    if (seen === 0) throw importErrors.empty({ file: input.name }, 'no threads or posts were found in it');
    const rejected = report.rejections();
    if (staging.posts === 0 && rejected.first) throw importErrors.allRejected(rejected.count, rejected.first);
    progress.bytesRead = input.size;
    options.onProgress?.(progress);
    const deferIndex = options.deferIndex ?? staging.posts >= DEFER_INDEX_POSTS;
    const target = {
      sourceName: options.source,
      sourceKind: options.sourceKind ?? format,
      baseUrl,
      importId: options.importId,
      ownerId: options.ownerId,
      newSource: options.newSource,
      deferIndex,
      categories,
    };
    const stored = storeStaged(db, staging, target);
    return report.build(format, stored.threads, stored.posts, stored.search, {
      relative: staging.relativeLinks(),
      baseUrl: baseUrl ?? null,
    });
  } finally {
    staging.close();
    await pool?.close();
  }
}

function parse(format: ImportFormat, input: InputFile, ctx: ParseContext, mode: ImportMode): AsyncIterable<ParsedItem> {
  switch (format) {
    case 'discourse':
      return parseDiscourse(input, ctx);
    case 'stackexchange':
      return parseStackExchange(input, ctx);
    case 'csv':
    case 'jsonl':
      return parseTable(input, ctx, format, mode === 'lenient');
  }
}

/** Stored post hashes of the source, if it has posts: lets unchanged posts skip sanitizing. */
function hashLookup(db: Db, sourceId: number): ((externalId: string) => string | undefined) | undefined {
  if (!db.prepare('SELECT 1 FROM posts WHERE source_id = ? LIMIT 1').get(sourceId)) return undefined;
  const find = db.prepare('SELECT content_hash FROM posts WHERE source_id = ? AND external_id = ?').pluck();
  return (externalId) => find.get(sourceId, externalId) as string | undefined;
}

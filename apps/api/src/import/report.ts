// Collects what an import rejected and skipped. Strict mode turns the first rejection into
// the import's failure; lenient mode lists it (up to a cap, so a hopeless file cannot grow
// the report without bound) and carries on.
import type { ImportError } from './errors.ts';
import type { SearchIndexState } from '../db/search-catchup.ts';
import type { Counts, ImportFormat, ImportMode, ImportReport, Rejection } from './types.ts';

export class ReportBuilder {
  private readonly rejected: Rejection[] = [];
  private omitted = 0;
  private readonly skipped = new Map<string, number>();

  constructor(
    private readonly mode: ImportMode,
    private readonly maxRejections: number,
  ) {}

  reject(err: ImportError): void {
    if (this.mode === 'strict' || err.fatal) throw err;
    if (this.rejected.length < this.maxRejections)
      this.rejected.push({ code: err.code, reason: err.message, where: err.where ?? {} });
    else this.omitted++;
  }

  /** How many records were rejected, and the first one's reason and place. */
  rejections(): { count: number; first: Rejection | undefined } {
    return { count: this.rejected.length + this.omitted, first: this.rejected[0] };
  }

  skip(reason: string, count: number): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + count);
  }

  build(
    format: ImportFormat,
    threads: Counts,
    posts: Counts,
    search: SearchIndexState,
    links: NonNullable<ImportReport['links']>,
  ): ImportReport {
    return {
      format,
      threads,
      posts,
      search,
      links,
      rejected: this.rejected,
      rejectedOmitted: this.omitted,
      skipped: [...this.skipped].map(([reason, count]) => ({ reason, count })),
    };
  }
}

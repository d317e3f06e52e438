// The heavy, rare work the API runs on worker threads (task-pool.ts), one name per function.
// Routes check the session, the role and the blind rule on the request thread, then call
// `tasks.run(name, args)`; viewer-scoped tasks get the viewer in their arguments and read
// codings only through db/visibility.ts, as they do on the request thread.
import { agreementSummary } from '../db/agreement.ts';
import { mentionsReport } from '../db/analysis-mentions.ts';
import { distinctiveTermsReport } from '../db/analysis-terms.ts';
import { exportFile } from '../exports/files.ts';
import type { Db } from '../db/open.ts';
import { readTransaction } from '../db/write-transaction.ts';
import { qdpxStream } from '../exports/qdpx.ts';
import { planDraw } from '../sampling/draw-into-round.ts';
import { storeMentionSeries } from '../words/mention-series.ts';
import type { Registry, TaskPool } from './task-pool.ts';

/**
 * A read-only task's reads in one snapshot: a save or a draw the request thread commits while it
 * runs is in all of them or in none (a .qdpx naming a unit whose source it has not written, say).
 * The tasks that keep derived tables current write, so they read as they go.
 */
const inSnapshot =
  <A extends unknown[], R>(run: (db: Db, ...args: A) => R) =>
  (db: Db, ...args: A): R =>
    readTransaction(db, () => run(db, ...args));

export const tasks = {
  /** CSV exports and the report (counts and the report keep analysis_facts current). */
  exportFile: { run: exportFile, cacheWrites: true },
  /** The .qdpx project, streamed. */
  qdpx: { stream: inSnapshot(qdpxStream) },
  /** Mention trends (keeps post_stems current). */
  mentions: { run: mentionsReport, cacheWrites: true },
  /** A study's mentions stored as a series set (stems new posts and matches new keyword groups first). */
  mentionSeries: { run: storeMentionSeries, cacheWrites: true },
  /** Distinctive terms (keeps analysis_facts current). */
  terms: { run: distinctiveTermsReport, cacheWrites: true },
  /** Agreement with bootstrap intervals. */
  agreement: { run: inSnapshot(agreementSummary) },
  /** A sample drawn from the study's population (in one snapshot itself); the request thread writes it. */
  drawPlan: { run: planDraw },
} satisfies Registry;

export const tasksUrl = import.meta.url;
export type AppTasks = TaskPool<typeof tasks>;

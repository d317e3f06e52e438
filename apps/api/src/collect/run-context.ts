// What one execution of a collection run works with, shared by the topic-by-topic and whole-forum walks.
import type { Db } from '../db/open.ts';
import type { DiscourseHttp } from './http.ts';
import type { CollectionRecord } from './state.ts';

export interface RunContext {
  db: Db;
  id: number;
  record: CollectionRecord;
  http: DiscourseHttp;
  /** A private temporary folder for the topic files the import reads. */
  dir: string;
  /** Requests made by this run so far, earlier executions included. */
  requests: () => number;
  progress: () => void;
  signal?: AbortSignal;
  /** The source's id: null until the first topic stored creates it. */
  sourceId: number | null;
  /** Called when a topic was stored: attaches the source the store created, with the run's category names. */
  stored: () => void;
}

// Retraining when final labels change: debounced per study (a burst of settlements trains
// once), run in a worker thread so the API never waits for it, and never two at once for a
// study (a change during a run trains again after it). The labels are read here, on the main
// connection, so the worker needs no database (and works with any, even in memory).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open.ts';
import { saveModel, type ModelInfo } from './model-store.ts';
import type { TrainRequest, TrainResult } from './train-job.ts';
import { trainingData } from './training-data.ts';

export const retrainSettings = { debounceMs: 2_000, folds: 5, seed: 1, minPositives: 5 };

interface StudyState {
  timer?: NodeJS.Timeout | undefined;
  running?: Promise<ModelInfo> | undefined;
}

const states = new WeakMap<Db, Map<number, StudyState>>();

function stateOf(db: Db, studyId: number): StudyState {
  let perDb = states.get(db);
  if (!perDb) {
    perDb = new Map();
    states.set(db, perDb);
  }
  let s = perDb.get(studyId);
  if (!s) {
    s = {};
    perDb.set(studyId, s);
  }
  return s;
}

// A path, not a URL object: under jsdom (the web tests) the global URL is not Node's.
const workerFile = join(dirname(fileURLToPath(import.meta.url)), 'train-worker.mjs');

function trainInWorker(request: TrainRequest): Promise<TrainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: request });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The training worker exited with code ${code} before answering.`)));
  });
}

async function train(db: Db, studyId: number): Promise<ModelInfo> {
  const { examples, codeIds } = trainingData(db, studyId);
  const { folds, seed, minPositives } = retrainSettings;
  const result = await trainInWorker({ examples, codeIds, folds, seed, minPositives });
  if (!db.open) throw new Error('The database was closed while the model trained.');
  return saveModel(db, studyId, examples.length, result);
}

/** Trains the study's model on its current labels (after any run in progress) and stores it. */
export function retrainNow(db: Db, studyId: number): Promise<ModelInfo> {
  const s = stateOf(db, studyId);
  clearTimeout(s.timer);
  s.timer = undefined;
  // Runs of a study queue up, so the labels are read when the previous run has stored its model.
  const run = (s.running ?? Promise.resolve()).catch(() => undefined).then(() => train(db, studyId));
  s.running = run;
  const settle = () => {
    if (s.running === run) s.running = undefined;
  };
  run.then(settle, settle);
  return run;
}

/** Asks for a retraining after the labels settle down; returns at once. */
export function scheduleRetrain(db: Db, studyId: number): void {
  const s = stateOf(db, studyId);
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => {
    s.timer = undefined;
    if (!db.open) return;
    retrainNow(db, studyId).catch((err: unknown) => {
      if (db.open)
        console.error(
          JSON.stringify({
            at: new Date().toISOString(),
            level: 'error',
            error: `suggestion retraining of study ${studyId}: ${(err as Error).stack ?? err}`,
          }),
        );
    });
  }, retrainSettings.debounceMs);
  s.timer.unref();
}

/** Whether a retraining of the study is waiting or running. */
export function retrainPending(db: Db, studyId: number): boolean {
  const s = stateOf(db, studyId);
  return s.timer !== undefined || s.running !== undefined;
}

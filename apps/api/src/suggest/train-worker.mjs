// Worker thread body for retrain.ts: trains and evaluates off the server's event loop. Loads
// the TypeScript job through tsx, as bin/threadcoder.mjs loads the CLI.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { runTrainJob } = await tsImport('./train-job.ts', import.meta.url);
const result = runTrainJob(workerData);
parentPort.postMessage(result, [result.model.buffer, ...result.foldModels.map((m) => m.buffer)]);

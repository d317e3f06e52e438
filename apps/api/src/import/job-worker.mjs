// Worker thread body for jobs.ts startImport: its own database connection, one import.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { openDb } = await import('../db/open.ts');
const { executeImport } = await import('./jobs.ts');

const db = openDb(workerData.dbPath);
try {
  parentPort.postMessage(await executeImport(db, workerData.importId));
} finally {
  db.close();
}

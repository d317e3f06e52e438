// Worker thread body for checkpointer.ts: its own connection, a PASSIVE checkpoint every
// `intervalMs`. PASSIVE never takes the writer lock, so the server's writes never wait on it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.dbPath);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // SQLITE_BUSY while another checkpoint runs: try again next time.
    if (err?.code !== 'SQLITE_BUSY') throw err;
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});

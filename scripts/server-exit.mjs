// How `npm start` ends when the server process ends: a supervisor (systemd, Docker, pm2) must see
// a server that died (killed, crashed, or stopped by a signal sent to it directly) as a failure,
// so it restarts it; only a stop asked of `npm start` itself ends it with 0.
import { constants } from 'node:os';

const signalNames = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));
const stopSignals = ['SIGINT', 'SIGTERM'];

/**
 * `code` and `signal` as Node's 'exit' event gives them; `stopping`: npm start was asked to stop and passed
 * the signal on. The server ends on SIGINT/SIGTERM with 128 + the signal's number, after closing the database.
 */
export function serverExit(code, signal, stopping) {
  const name = signal ?? (code > 128 ? signalNames[code - 128] : undefined);
  if (stopping && (code === 0 || stopSignals.includes(name))) return { code: 0, message: null };
  if (!name) return { code: code ?? 1, message: null }; // the server said why itself (a refused start…)
  const exitCode = 128 + constants.signals[name];
  const how = signal ? `was killed by ${name}` : `stopped on ${name}, sent to it directly rather than to npm start`;
  return { code: exitCode, message: `Threadcoder's server ${how}; exiting with ${exitCode}.` };
}

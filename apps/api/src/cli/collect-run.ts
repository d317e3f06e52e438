// What `collect` and `collect-hub` share around their run: bad options are a usage error, Ctrl-C is a
// stop request (the run ends after the topic or page in hand; a second Ctrl-C quits at once), and the
// run's end is the exit code: 0 done, 1 failed, 130 stopped, 2 refused before it started.
import { type Db, openDb } from '../db/open.ts';
import { AppError } from '../http/errors.ts';

/** Options from `resolve`, or null after printing the bad one's message and the usage. */
export function resolveOrUsage<T>(resolve: () => T, usage: string): T | null {
  try {
    return resolve();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`${err.message}\n${usage}`);
    return null;
  }
}

/** The --max-retries value, or null when it is not a whole number from 0 up. */
export function retriesArg(value: string | undefined, fallback: number): number | null {
  const retries = value === undefined ? fallback : Number(value);
  return Number.isSafeInteger(retries) && retries >= 0 ? retries : null;
}

/** Runs `collect` on the database; `what` names the run in messages ("Hub collection"), `unit` what it finishes before stopping. */
export async function runCollection(
  what: string,
  unit: string,
  collect: (db: Db, signal: AbortSignal) => Promise<{ status: string }>,
): Promise<number> {
  const db = openDb();
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    console.error(`\nStopping after the current ${unit} (Ctrl-C again to quit at once)…`);
  };
  process.on('SIGINT', onSigint);
  try {
    const { status } = await collect(db, stop.signal);
    return status === 'succeeded' ? 0 : status === 'stopped' ? 130 : 1;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`${what} failed (${err.code}): ${err.message}`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    db.close();
  }
}

// One collection at a time in the server process (Discourse and Hub alike): the work is mostly
// waiting on the remote side, and each store is one short transaction. A stop is a request: the
// run ends after the topic or page in hand.
import { AppError } from '../http/errors.ts';

export class BackgroundRun {
  private running: { id: number; stop: AbortController } | null = null;

  /** `what` names a run in messages ("Collection"); `busyCode` is the 409's error code. */
  constructor(
    private readonly what: string,
    private readonly busyCode: string,
  ) {}

  /**
   * Opens a run (or resumes one) and executes it in the background; 409 while another one runs.
   * `execute` records its own failures: only a failing database rejects, and that is logged.
   */
  protected launch<T extends { id: number }>(
    open: () => T,
    execute: (id: number, signal: AbortSignal) => Promise<unknown>,
  ): T {
    if (this.running)
      throw new AppError(
        this.busyCode,
        409,
        `${this.what} #${this.running.id} is still running; wait for it to end or stop it.`,
      );
    const opened = open();
    const stop = new AbortController();
    void execute(opened.id, stop.signal)
      .catch((err: unknown) => {
        console.error(
          `${this.what} #${opened.id} could not record its end: ${err instanceof Error ? err.message : String(err)}`,
        );
      })
      .finally(() => {
        this.running = null;
      });
    this.running = { id: opened.id, stop };
    return opened;
  }

  /** Asks the running run `id` to stop; false if it is not running here. */
  stop(id: number): boolean {
    if (this.running?.id !== id) return false;
    this.running.stop.abort();
    return true;
  }

  /** The running run's id and whether a stop was asked, or null. */
  current(): { id: number; stopping: boolean } | null {
    return this.running && { id: this.running.id, stopping: this.running.stop.signal.aborted };
  }
}

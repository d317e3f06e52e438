// The app's task registry with one change for ordering tests: exportFile first counts itself
// started in slot 0 of the SharedArrayBuffer the pool passes (workerData.extra), then waits
// until the test sets slot 1, then makes the file as the app does.
import { workerData } from 'node:worker_threads';
import type { Db } from '../../apps/api/src/db/open.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import type { Registry } from '../../apps/api/src/workers/task-pool.ts';
import { tasks as appTasks } from '../../apps/api/src/workers/tasks.ts';

type ExportArgs = Parameters<typeof exportFile> extends [Db, ...infer A] ? A : never;

export const tasks = {
  ...appTasks,
  exportFile: {
    ...appTasks.exportFile,
    run: (db: Db, ...args: ExportArgs) => {
      const gate = new Int32Array(workerData.extra as SharedArrayBuffer);
      Atomics.add(gate, 0, 1);
      Atomics.wait(gate, 1, 0);
      return exportFile(db, ...args);
    },
  },
} satisfies Registry;

export const tasksUrl = import.meta.url;

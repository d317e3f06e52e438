/** How `npm start` ends when the server ends: its exit code, and a message for stderr or null. */
export function serverExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stopping: boolean,
): { code: number; message: string | null };

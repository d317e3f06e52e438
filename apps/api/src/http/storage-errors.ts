// Failures of the machine, not of the request: the database (or an upload) could not be
// written because the disk is read-only, full or failing. They answer 503 with the cause,
// so a person knows to fetch the operator rather than retry or report a bug.

interface StorageFailure {
  code: string;
  message: string;
}

// SQLite's primary result codes (better-sqlite3 puts the extended one, e.g. SQLITE_IOERR_WRITE, on err.code) and Node's errnos.
const causes: { codes: string[]; failure: StorageFailure }[] = [
  {
    codes: ['SQLITE_READONLY', 'EROFS', 'EACCES', 'EPERM'],
    failure: {
      code: 'storage.read_only',
      message:
        'The database cannot be written: its file, folder or disk is read-only. Nothing was saved; ask the operator to make it writable.',
    },
  },
  {
    codes: ['SQLITE_FULL', 'ENOSPC', 'EDQUOT'],
    failure: {
      code: 'storage.full',
      message: 'The disk is full. Nothing was saved; ask the operator to free space.',
    },
  },
  {
    codes: ['SQLITE_IOERR', 'SQLITE_CANTOPEN', 'EIO'],
    failure: {
      code: 'storage.io_error',
      message: 'The disk failed to read or write the database. Nothing was saved; ask the operator to check the disk.',
    },
  },
];

/** The storage failure `err` is, or null for any other error. */
export function storageFailure(err: unknown): StorageFailure | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const found = causes.find((c) => c.codes.some((prefix) => code === prefix || code.startsWith(`${prefix}_`)));
  return found?.failure ?? null;
}

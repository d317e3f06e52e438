// Issue #16.12: a database (or its -wal/-shm) the server cannot write makes it refuse to start
// with a message naming the file, instead of failing on the first save or dying of SIGBUS on a
// read-only -shm it maps into memory. The server runs as another user than the files' owner
// (as root, the test drops to "nobody"; root itself may write any file).
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';

const root = resolve(import.meta.dirname, '../..');
const nobody = 65534;
const asRoot = process.getuid?.() === 0;

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-unwritable-'));
  dbPath = join(dir, 'threadcoder.db');
  openDb(dbPath).close();
  // The server's user owns the folder and the database; the test makes one file not theirs to write.
  if (asRoot) for (const p of [dir, dbPath]) chownSync(p, nobody, nobody);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Makes `file` readable but not writable by the server's user. */
function readOnlyForServer(file: string): void {
  chmodSync(file, 0o444);
  if (asRoot) chownSync(file, 0, 0);
}

/** Starts the real server on the database; resolves with its exit code and output once it exits (or is stopped after 30 s). */
function start(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/server.ts')], {
      cwd: root,
      env: { ...process.env, THREADCODER_DB: dbPath, THREADCODER_API_ONLY: '1', THREADCODER_DEMO: '0', PORT: '0' },
      ...(asRoot ? { uid: nobody, gid: nobody } : {}),
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b));
    child.stderr.on('data', (b: Buffer) => (output += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? -1 : null), output });
    });
  });
}

const refusal = (file: string, why: string) =>
  `Threadcoder cannot start: The database file ${file} cannot be opened for writing (${why}). Threadcoder writes the database, its -wal and -shm files and their folder: make them writable by this user (and the disk not read-only), then start again.\n`;

test('a read-only -shm file: the server refuses to start, naming it (no SIGBUS)', async () => {
  const shm = `${dbPath}-shm`;
  writeFileSync(shm, Buffer.alloc(32768));
  readOnlyForServer(shm);
  expect(await start()).toEqual({ code: 1, output: refusal(shm, 'EACCES') });
}, 60_000);

test('a read-only database file: the server refuses to start, naming it', async () => {
  readOnlyForServer(dbPath);
  expect(await start()).toEqual({ code: 1, output: refusal(dbPath, 'EACCES') });
}, 60_000);

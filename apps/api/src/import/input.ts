// Opening an input file: size limit, a first look at its bytes (empty? binary? zip?),
// and read streams that count bytes for progress reports.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { importErrors } from './errors.ts';
import type { ImportLimits, ImportProgress } from './types.ts';

export interface InputFile {
  path: string;
  /** The name used in error locations: the uploaded file's name, not a temp path. */
  name: string;
  size: number;
  /** The first bytes of the file, for format detection. */
  head: Buffer;
  isZip: boolean;
}

const HEAD_BYTES = 64 * 1024;

export async function openInput(path: string, limits: ImportLimits, name = basename(path)): Promise<InputFile> {
  const where = { file: name };
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw importErrors.notFound(where);
  if (info.size > limits.maxFileBytes) throw importErrors.fileTooLarge(where, info.size, limits.maxFileBytes);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const isZip = head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
  if (!isZip) checkText(head, name);
  return { path, name, size: info.size, head, isZip };
}

/** Rejects empty (or whitespace-only) and binary content; `head` is the start of a text file or zip entry. */
export function checkText(head: Buffer, name: string): void {
  const where = { file: name };
  if (head.toString('utf8').trim() === '') throw importErrors.empty(where, 'it holds no data');
  if (head.includes(0)) throw importErrors.binary(where);
  // Cut a multi-byte character split by the sample's end before checking it is valid UTF-8.
  let end = head.length;
  for (let i = 0; i < 3 && end > 0 && (head[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && head[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    throw importErrors.binary(where);
  }
}

/** A stream that adds the bytes passing through it to progress.bytesRead. */
export function counting(progress: ImportProgress): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      progress.bytesRead += chunk.length;
      done(null, chunk);
    },
  });
}

export function readFile(input: InputFile, progress: ImportProgress): Readable {
  const source = createReadStream(input.path, { highWaterMark: 256 * 1024 });
  const counter = counting(progress);
  // pipe() does not forward errors; an unreadable file must fail the consumer, not hang it.
  source.on('error', (err) => counter.destroy(err));
  return source.pipe(counter);
}

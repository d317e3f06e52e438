// Splits a byte stream into UTF-8 lines with their 1-based numbers, refusing over-long lines
// (one JSONL record must fit in memory; a 2 GB "line" would not).
import type { Readable } from 'node:stream';
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors } from './errors.ts';

export interface Line {
  text: string;
  line: number;
}

export async function* readLines(stream: Readable, maxLineBytes: number, file: string): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const tooLong = (): ErrorWhere => ({ file, line: line + 1 });
  const finish = (tail: Buffer): Line => {
    const buf = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    pendingBytes = 0;
    line++;
    const end = buf.length > 0 && buf[buf.length - 1] === 13 ? buf.length - 1 : buf.length;
    const text = buf.toString('utf8', 0, end);
    // A byte-order mark is not part of the first record.
    return { text: line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, line };
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      if (pendingBytes + nl - start > maxLineBytes) throw importErrors.recordTooLarge(tooLong(), maxLineBytes);
      yield finish(chunk.subarray(start, nl));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw importErrors.recordTooLarge(tooLong(), maxLineBytes);
    }
  }
  if (pendingBytes > 0) yield finish(Buffer.alloc(0));
}

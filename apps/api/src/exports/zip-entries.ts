// Entries of a zip written as it is made (fflate's streaming Zip writes the headers): each file
// deflated by Node's zlib, about twice as fast as fflate's own deflate on forum text.
import type { Zip, ZipInputFile } from 'fflate';
import { constants, crc32, deflateRawSync } from 'node:zlib';

// Level 3 deflates forum text about twice as fast as the default 6, for files some 5% larger.
const LEVEL = 3;

export function addFile(zip: Zip, filename: string, bytes: Uint8Array, mtime: Date): void {
  const entry: ZipInputFile = { filename, size: bytes.length, crc: crc32(bytes), compression: 8, mtime };
  zip.add(entry);
  // zlib answers a view into its 16 kB output buffer: keep an exact copy, not 16 kB per file.
  entry.ondata!(null, new Uint8Array(deflateRawSync(bytes, { level: LEVEL })), true);
}

// project.qde is deflated a piece of about this many characters at a time.
const PIECE = 256 * 1024;

/**
 * A file made of many parts (project.qde: some 25 MB for 10,000 units), written without ever
 * holding it whole: every piece of about PIECE characters is deflated on its own and ends on a
 * byte boundary (Z_SYNC_FLUSH), so the pieces join into one deflate stream, which the last piece
 * ends (Z_FINISH). Its size and CRC follow the data (fflate writes them after it).
 */
export function addFileInPieces(zip: Zip, filename: string, parts: Iterable<string>, mtime: Date, utf8: Utf8): void {
  const entry: ZipInputFile = { filename, size: 0, crc: 0, compression: 8, mtime };
  zip.add(entry);
  let buffered: string[] = [];
  let length = 0;
  const write = (last: boolean) => {
    const bytes = utf8(buffered.join(''));
    buffered = [];
    length = 0;
    entry.crc = crc32(bytes, entry.crc);
    entry.size += bytes.length;
    const finishFlush = last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    entry.ondata!(null, new Uint8Array(deflateRawSync(bytes, { level: LEVEL, finishFlush })), last);
  };
  for (const part of parts) {
    buffered.push(part);
    length += part.length;
    if (length >= PIECE) write(false);
  }
  write(true);
}

type Utf8 = (text: string) => Uint8Array;

/**
 * The UTF-8 bytes of a text in one buffer reused from file to file: a fresh Buffer per file leaves
 * the forum's words as garbage outside the JS heap, which V8 collects late (a 10,000-unit export
 * held some 200 MB of it). Each result is valid until the next call.
 */
export function utf8Encoder(): Utf8 {
  let scratch = Buffer.allocUnsafe(1 << 20);
  return (text) => {
    const length = Buffer.byteLength(text);
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length);
    return scratch.subarray(0, scratch.write(text));
  };
}

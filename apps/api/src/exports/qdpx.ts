// The REFI-QDA project export: a zip holding project.qde and a flat sources/ folder with one
// UTF-8 text file per thread (LF line ends, no byte-order mark), named by the source's guid.
// What goes in, and why, is described in qdpx-model.ts and qdpx-text.ts.
// The zip is written as it is made, so the route sends it chunk by chunk from a worker thread:
// fflate's streaming Zip (already a dependency) writes the headers, and each file is deflated
// whole by Node's zlib, about twice as fast as fflate's own deflate on forum text (deflating
// the sources is most of a large export's time). Each source file is written as soon as its
// thread is placed (qdpx-model.ts), project.qde last; qdpxZip gathers the chunks for the CLI.
import { Zip, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import type { Db } from '../db/open.ts';
import type { Viewer } from './access.ts';
import { qdpxModel } from './qdpx-model.ts';
import { projectXmlParts, sourceFile } from './qdpx-xml.ts';
import { studyInfo, type StudyInfo } from './study-info.ts';

// Level 3 deflates forum text about twice as fast as the default 6, for files some 5% larger.
const LEVEL = 3;

function addFile(zip: Zip, filename: string, bytes: Uint8Array, mtime: Date): void {
  const entry: ZipInputFile = { filename, size: bytes.length, crc: crc32(bytes), compression: 8, mtime };
  zip.add(entry);
  // zlib answers a view into its 16 kB output buffer: keep an exact copy, not 16 kB per file.
  entry.ondata!(null, new Uint8Array(deflateRawSync(bytes, { level: LEVEL })), true);
}

/**
 * The UTF-8 bytes of a text in one buffer reused from file to file: a fresh Buffer per file leaves
 * the forum's words as garbage outside the JS heap, which V8 collects late (a 10,000-unit export
 * held some 200 MB of it). Each result is valid until the next call.
 */
function utf8Encoder(): (text: string) => Uint8Array {
  let scratch = Buffer.allocUnsafe(1 << 20);
  return (text) => {
    const length = Buffer.byteLength(text);
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length);
    return scratch.subarray(0, scratch.write(text));
  };
}

function writeQdpx(db: Db, study: StudyInfo, viewer: Viewer, now: Date, emit: (chunk: Uint8Array) => void) {
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    emit(chunk);
  });
  const utf8 = utf8Encoder();
  const model = qdpxModel(db, study, viewer, (guid, text) => addFile(zip, sourceFile(guid), utf8(text), now));
  addFile(zip, 'project.qde', utf8([...projectXmlParts(study, model, now.toISOString())].join('')), now);
  zip.end();
}

/** The worker task: the study's .qdpx for this viewer, chunk by chunk. */
export function qdpxStream(
  db: Db,
  emit: (chunk: Uint8Array) => void,
  studyId: number,
  viewer: Viewer,
  now = new Date(),
) {
  writeQdpx(db, studyInfo(db, studyId), viewer, now, emit);
}

export function qdpxZip(db: Db, study: StudyInfo, viewer: Viewer, now = new Date()): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeQdpx(db, study, viewer, now, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}

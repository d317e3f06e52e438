// The REFI-QDA project export: a zip holding project.qde and a flat sources/ folder with one
// UTF-8 text file per thread (LF line ends, no byte-order mark), named by the source's guid.
// What goes in, and why, is described in qdpx-model.ts and qdpx-text.ts.
// The zip is written as it is made, so the route sends it chunk by chunk from a worker thread:
// fflate's streaming Zip (already a dependency) writes the headers, and each file is deflated
// whole by Node's zlib, about twice as fast as fflate's own deflate on forum text (deflating
// the sources is most of a large export's time). Source texts are written first and let go one
// by one; qdpxZip gathers the chunks into one file for the CLI.
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
  entry.ondata!(null, deflateRawSync(bytes, { level: LEVEL }), true);
}

function writeQdpx(db: Db, study: StudyInfo, viewer: Viewer, now: Date, emit: (chunk: Uint8Array) => void) {
  const model = qdpxModel(db, study, viewer);
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    emit(chunk);
  });
  for (const source of model.sources) {
    addFile(zip, sourceFile(source.guid), Buffer.from(source.text.text), now);
    source.text.text = ''; // written; project.qde needs only the offsets
  }
  const xml = [...projectXmlParts(study, model, now.toISOString())].map((part) => Buffer.from(part));
  addFile(zip, 'project.qde', Buffer.concat(xml), now);
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

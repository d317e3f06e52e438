// The REFI-QDA project export: a zip holding project.qde and a flat sources/ folder with one
// UTF-8 text file per thread (LF line ends, no byte-order mark), named by the source's guid.
// What goes in, and why, is described in qdpx-model.ts and qdpx-text.ts.
// The zip is written as it is made, so the route sends it chunk by chunk from a worker thread:
// fflate's streaming Zip (already a dependency) writes the headers, and each file is deflated
// whole by Node's zlib, about twice as fast as fflate's own deflate on forum text (deflating
// the sources is most of a large export's time). Each source file is written as soon as its
// thread is placed (qdpx-model.ts), project.qde last and piece by piece; qdpxZip gathers the
// chunks for the CLI.
import { Zip } from 'fflate';
import type { Db } from '../db/open.ts';
import type { Viewer } from './access.ts';
import { qdpxModel } from './qdpx-model.ts';
import { projectXmlParts, sourceFile } from './qdpx-xml.ts';
import { studyInfo, type StudyInfo } from './study-info.ts';
import { addFile, addFileInPieces, utf8Encoder } from './zip-entries.ts';

function writeQdpx(db: Db, study: StudyInfo, viewer: Viewer, now: Date, emit: (chunk: Uint8Array) => void) {
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    emit(chunk);
  });
  const utf8 = utf8Encoder();
  const model = qdpxModel(db, study, viewer, (guid, text) => addFile(zip, sourceFile(guid), utf8(text), now));
  addFileInPieces(zip, 'project.qde', projectXmlParts(study, model, now.toISOString()), now, utf8);
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

// The REFI-QDA project export: a zip holding project.qde and a flat sources/ folder with one
// UTF-8 text file per thread (LF line ends, no byte-order mark), named by the source's guid.
// What goes in, and why, is described in qdpx-model.ts and qdpx-text.ts.
// The zip is written as it is made (fflate's streaming Zip, already used for reading and
// writing zips here: no new dependency), so the route sends it to the client chunk by chunk
// from a worker thread instead of holding the whole file; qdpxZip gathers the chunks for the CLI.
import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Db } from '../db/open.ts';
import type { Viewer } from './access.ts';
import { qdpxModel } from './qdpx-model.ts';
import { projectXmlParts, sourceFile } from './qdpx-xml.ts';
import { studyInfo, type StudyInfo } from './study-info.ts';

function writeQdpx(db: Db, study: StudyInfo, viewer: Viewer, now: Date, emit: (chunk: Uint8Array) => void) {
  const model = qdpxModel(db, study, viewer);
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    emit(chunk);
  });
  const file = (name: string, parts: Iterable<string>) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = now;
    zip.add(entry);
    // Pieces are gathered to ~64 kB: deflating many tiny pushes costs more than the copies.
    let pending = '';
    for (const part of parts) {
      pending += part;
      if (pending.length < 65_536) continue;
      entry.push(strToU8(pending));
      pending = '';
    }
    entry.push(strToU8(pending), true);
  };
  file('project.qde', projectXmlParts(study, model, now.toISOString()));
  for (const source of model.sources) file(sourceFile(source.guid), [source.text.text]);
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
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

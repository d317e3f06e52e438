// The REFI-QDA project export: a zip holding project.qde and a flat sources/ folder with one
// UTF-8 text file per thread (LF line ends, no byte-order mark), named by the source's guid.
// What goes in, and why, is described in qdpx-model.ts and qdpx-text.ts.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db/open.ts';
import type { Viewer } from './access.ts';
import { qdpxModel } from './qdpx-model.ts';
import { projectXml, sourceFile } from './qdpx-xml.ts';
import type { StudyInfo } from './study-info.ts';

export function qdpxZip(db: Db, study: StudyInfo, viewer: Viewer, now = new Date()): Uint8Array {
  const model = qdpxModel(db, study, viewer);
  const files: Zippable = { 'project.qde': strToU8(projectXml(study, model, now.toISOString())) };
  for (const source of model.sources) files[sourceFile(source.guid)] = strToU8(source.text.text);
  return zipSync(files, { level: 6, mtime: now });
}

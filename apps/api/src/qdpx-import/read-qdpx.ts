// Reads a .qdpx written by this app's export (exports/qdpx-model.ts describes the conventions)
// back into what a study is made of: the codebook, and per unit (a thread by its forum source
// and external id, or a post of it by its number) each coder's codes with memo and quotes, and
// the final labels with their rationale. A project another tool wrote is refused: its sources
// do not name the forum threads they came from, so nothing could be matched.
import { codeGuid, fromQdc, QDC_NAMESPACE, type Codebook } from '@threadcoder/taxonomy';
import { strFromU8, unzipSync } from 'fflate';
import { FINAL_USER_GUID } from '../exports/qdpx-model.ts';
import { AppError } from '../http/errors.ts';
import { childNamed, childrenNamed, xmlTree, type XmlNode } from './xml-tree.ts';

export interface ReadQuote {
  codeId: string;
  /** Code points into the unit's text as the export wrote it. */
  start: number;
  end: number;
  text: string;
}
interface ReadCoding {
  /** The user name, from "Display (username)" or the bare name. */
  username: string;
  displayName: string;
  codeIds: string[];
  at: string;
  memo: string;
  quotes: ReadQuote[];
}
export interface ReadUnit {
  sourceName: string;
  threadExternalId: string;
  /** The post's number in its thread; null for a thread unit. */
  postNumber: number | null;
  codings: ReadCoding[];
  /** Who settled it: the rationale note's author, when there is one. */
  final: { codeIds: string[]; rationale: string; settledBy: string | null } | null;
}
export interface ReadProject {
  name: string;
  codebook: Codebook;
  /** Every person the project lists (the study's members), without the final-labels pseudo-user. */
  users: { username: string; displayName: string }[];
  units: ReadUnit[];
}

const THREAD_LINE = /^Thread (.+) of (.+), created /;
const UNIT_NAME = /^Unit \d+ \((?:thread|post (\d+))\)/;

function fail(message: string, line?: number): never {
  throw new AppError('qdpx.invalid', 400, message, { file: 'project.qde', ...(line ? { line } : {}) });
}

/** The project's <Codes> as a .qdc document, read by packages/taxonomy like any codebook file. */
function readCodebook(qde: string, name: string): Codebook {
  const codes = /<Codes>[\s\S]*<\/Codes>/.exec(qde);
  if (!codes) fail('The project has no codebook (<CodeBook><Codes>).');
  const qdc = `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="${QDC_NAMESPACE}">${codes[0]}</CodeBook>`;
  const read = fromQdc(qdc, { name });
  if (!read.ok) fail(`The project's codebook is not valid: ${read.errors.map((e) => e.message).join(' ')}`);
  return read.value;
}

function userOf(name: string): { username: string; displayName: string } {
  const m = /^(.*) \(([^()]+)\)$/.exec(name);
  return m ? { displayName: m[1]!, username: m[2]! } : { displayName: name, username: name };
}

export function readQdpx(bytes: Uint8Array): ReadProject {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new AppError('qdpx.invalid', 400, 'The file is not a .qdpx (a zip archive).');
  }
  const qdeBytes = files['project.qde'];
  if (!qdeBytes) throw new AppError('qdpx.invalid', 400, 'The .qdpx holds no project.qde.');
  const qde = strFromU8(qdeBytes);
  const project = xmlTree(qde, 'project.qde');
  if (project.name !== 'Project') fail(`The root element is <${project.name}>, not <Project>.`, project.line);
  const name = project.attrs.name ?? 'Imported project';
  const codebook = readCodebook(qde, name);
  const codeByGuid = new Map(codebook.codes.map((c) => [codeGuid(c.id), c.id]));
  const users = new Map(
    childrenNamed(childNamed(project, 'Users') ?? emptyNode, 'User').map((u) => [u.attrs.guid, u.attrs.name ?? '']),
  );
  const notes = new Map(
    childrenNamed(childNamed(project, 'Notes') ?? emptyNode, 'Note').map((n) => [
      n.attrs.guid,
      { text: childNamed(n, 'PlainTextContent')?.text ?? '', user: n.attrs.creatingUser ?? '' },
    ]),
  );
  const units: ReadUnit[] = [];
  for (const source of childrenNamed(childNamed(project, 'Sources') ?? emptyNode, 'TextSource')) {
    const thread = THREAD_LINE.exec(childNamed(source, 'Description')?.text ?? '');
    if (!thread)
      fail(
        `Source "${source.attrs.name}" does not name its forum thread: only a .qdpx exported by Threadcoder can be imported.`,
        source.line,
      );
    const path = source.attrs.plainTextPath?.replace(/^internal:\/\//, 'sources/') ?? '';
    const textBytes = files[path];
    if (!textBytes) fail(`Source "${source.attrs.name}" has no text file ${path} in the .qdpx.`, source.line);
    units.push(...readSource(source, Array.from(strFromU8(textBytes)), thread[2]!, thread[1]!));
  }
  const people = [...users].filter(([guid]) => guid !== FINAL_USER_GUID).map(([, userName]) => userOf(userName));
  return { name, codebook, users: people, units };

  function codesOf(sel: XmlNode): string[] {
    return childrenNamed(sel, 'Coding').map((c) => {
      const guid = childNamed(c, 'CodeRef')?.attrs.targetGUID ?? '';
      const id = codeByGuid.get(guid);
      if (id === undefined) fail(`A coding refers to code ${guid}, which the codebook lacks.`, c.line);
      return id;
    });
  }
  function notesOf(sel: XmlNode): string {
    return childrenNamed(sel, 'NoteRef')
      .map((r) => notes.get(r.attrs.targetGUID)?.text ?? '')
      .join('\n\n');
  }
  function settlerOf(sel: XmlNode): string | null {
    const note = notes.get(childNamed(sel, 'NoteRef')?.attrs.targetGUID ?? '');
    return note && note.user !== FINAL_USER_GUID && users.has(note.user)
      ? userOf(users.get(note.user)!).username
      : null;
  }

  function readSource(source: XmlNode, text: string[], sourceName: string, threadExternalId: string): ReadUnit[] {
    const out = new Map<string, ReadUnit & { start: number; end: number }>();
    const quotes: { sel: XmlNode; start: number; end: number }[] = [];
    for (const sel of childrenNamed(source, 'PlainTextSelection')) {
      const start = Number(sel.attrs.startPosition);
      const end = Number(sel.attrs.endPosition);
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= text.length))
        fail(`Selection "${sel.attrs.name}" does not lie in its source's text.`, sel.line);
      const unitName = UNIT_NAME.exec(sel.attrs.name ?? '');
      if (!unitName) {
        quotes.push({ sel, start, end });
        continue;
      }
      const key = `${start}:${end}`;
      const unit = out.get(key) ?? {
        sourceName,
        threadExternalId,
        postNumber: unitName[1] ? Number(unitName[1]) : null,
        codings: [],
        final: null,
        start,
        end,
      };
      out.set(key, unit);
      if (sel.attrs.creatingUser === FINAL_USER_GUID)
        unit.final = { codeIds: codesOf(sel), rationale: notesOf(sel), settledBy: settlerOf(sel) };
      else
        unit.codings.push({
          ...userOf(users.get(sel.attrs.creatingUser ?? '') ?? ''),
          codeIds: codesOf(sel),
          at: sel.attrs.creationDateTime ?? '',
          memo: notesOf(sel),
          quotes: [],
        });
    }
    // A quote belongs to the narrowest unit around it, to its coder's coding there.
    for (const q of quotes) {
      const around = [...out.values()]
        .filter((u) => u.start <= q.start && q.end <= u.end)
        .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      const coder = userOf(users.get(q.sel.attrs.creatingUser ?? '') ?? '').username;
      const coding = around?.codings.find((c) => c.username === coder);
      if (!around || !coding) fail(`Quote "${q.sel.attrs.name}" lies in no unit its coder coded.`, q.sel.line);
      for (const codeId of codesOf(q.sel))
        coding.quotes.push({
          codeId,
          start: q.start - around.start,
          end: q.end - around.start,
          text: text.slice(q.start, q.end).join(''),
        });
    }
    return [...out.values()].map(({ start: _s, end: _e, ...unit }) => unit);
  }
}

const emptyNode: XmlNode = { name: '', attrs: {}, children: [], text: '', line: 0 };

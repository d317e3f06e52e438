// project.qde: root Project in urn:QDA-XML:project:1.0 with its children in the schema's
// order (Users, CodeBook, Variables, Cases, Sources, Notes, Links, Sets). A container the
// export has nothing for is left out: REFI-QDA requires at least one child in each, so an
// empty <Variables/> would be invalid. Inside: TextSource (Description, PlainTextSelection*),
// PlainTextSelection (Coding*, NoteRef*), Coding (CodeRef), Note (PlainTextContent).
import { childrenByParent, codeGuid, encodeDescription, type Code } from '@threadcoder/taxonomy';
import type { QdpxModel, QdpxSelection } from './qdpx-model.ts';
import type { StudyInfo } from './study-info.ts';
import { attrs, xmlText } from './xml.ts';

const PROJECT_NAMESPACE_URI = 'urn:QDA-XML:project:1.0';

/** Where a source's text lives inside the .qdpx zip, and how project.qde names it. */
export const sourceFile = (guid: string) => `sources/${guid}.txt`;
const sourcePath = (guid: string) => `internal://${guid}.txt`;

function codeLines(
  codes: readonly Code[],
  extra: readonly string[],
  pad: string,
  codeGuid: (id: string) => string,
): string[] {
  const groups = childrenByParent(codes);
  const lines: string[] = [];
  const write = (code: Code, depth: string) => {
    const children = groups.get(code.id) ?? [];
    lines.push(
      `${depth}<Code${attrs([
        ['guid', codeGuid(code.id)],
        ['name', code.name],
        ['isCodable', code.codable],
        ['color', code.color],
      ])}>`,
    );
    lines.push(`${depth}  <Description>${xmlText(encodeDescription(code))}</Description>`);
    for (const child of children) write(child, `${depth}  `);
    lines.push(`${depth}</Code>`);
  };
  for (const root of groups.get(null) ?? []) write(root, pad);
  // Labels the pinned version no longer has (a code removed since): codable codes of their own.
  for (const id of extra) {
    lines.push(
      `${pad}<Code${attrs([
        ['guid', codeGuid(id)],
        ['name', id],
        ['isCodable', true],
      ])}>`,
    );
    lines.push(
      `${pad}  <Description>${xmlText(`Id: ${id}\nNot in version of the study's codebook this export used.`)}</Description>`,
    );
    lines.push(`${pad}</Code>`);
  }
  return lines;
}

function selectionLines(s: QdpxSelection, pad: string, codeGuid: (id: string) => string): string[] {
  return [
    `${pad}<PlainTextSelection${attrs([
      ['guid', s.guid],
      ['name', s.name],
      ['startPosition', s.start],
      ['endPosition', s.end],
      ['creatingUser', s.user],
      ['creationDateTime', s.at],
    ])}>`,
    ...s.codings.flatMap((c) => [
      `${pad}  <Coding${attrs([
        ['guid', c.guid],
        ['creatingUser', c.user],
        ['creationDateTime', c.at],
      ])}>`,
      `${pad}    <CodeRef${attrs([['targetGUID', codeGuid(c.codeId)]])}/>`,
      `${pad}  </Coding>`,
    ]),
    ...s.notes.map((n) => `${pad}  <NoteRef${attrs([['targetGUID', n]])}/>`),
    `${pad}</PlainTextSelection>`,
  ];
}

/** project.qde in pieces (each ends with a line end): the head, then each source, then the notes. */
export function* projectXmlParts(study: StudyInfo, model: QdpxModel, createdAt: string): Generator<string> {
  const codes = study.codebook?.codes ?? [];
  const known = new Set(codes.map((c) => c.id));
  const extra = [...model.codeIds].filter((id) => !known.has(id)).sort();
  const guidOfCode = memoized(codeGuid);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${PROJECT_NAMESPACE_URI}"${attrs([
      ['name', study.name],
      ['origin', 'Threadcoder'],
      ['creatingUserGUID', model.creatingUser],
      ['creationDateTime', createdAt],
    ])}>`,
  ];
  if (model.users.length) {
    lines.push(
      '  <Users>',
      ...model.users.map(
        (u) =>
          `    <User${attrs([
            ['guid', u.guid],
            ['name', u.name],
          ])}/>`,
      ),
      '  </Users>',
    );
  }
  if (codes.length + extra.length > 0) {
    lines.push(
      '  <CodeBook>',
      '    <Codes>',
      ...codeLines(codes, extra, '      ', guidOfCode),
      '    </Codes>',
      '  </CodeBook>',
    );
  }
  yield piece(lines);
  if (model.sources.length) {
    yield piece(['  <Sources>']);
    for (const s of model.sources) {
      yield piece([
        `    <TextSource${attrs([
          ['guid', s.guid],
          ['name', s.name],
          ['plainTextPath', sourcePath(s.guid)],
          ['creationDateTime', s.createdAt],
        ])}>`,
        `      <Description>${xmlText(s.description)}</Description>`,
        ...s.selections.flatMap((sel) => selectionLines(sel, '      ', guidOfCode)),
        '    </TextSource>',
      ]);
    }
    yield piece(['  </Sources>']);
  }
  if (model.notes.length) {
    yield piece(['  <Notes>']);
    for (const n of model.notes) {
      yield piece([
        `    <Note${attrs([
          ['guid', n.guid],
          ['name', n.name],
          ['creatingUser', n.user],
          ['creationDateTime', n.at],
        ])}>`,
        `      <PlainTextContent>${xmlText(n.text)}</PlainTextContent>`,
        '    </Note>',
      ]);
    }
    yield piece(['  </Notes>']);
  }
  yield piece(['</Project>']);
}

const piece = (lines: string[]) => `${lines.join('\n')}\n`;

/** Every CodeRef names its code's guid: worked out once per code, not once per coding. */
function memoized(f: (id: string) => string): (id: string) => string {
  const known = new Map<string, string>();
  return (id) => {
    let value = known.get(id);
    if (value === undefined) {
      value = f(id);
      known.set(id, value);
    }
    return value;
  };
}

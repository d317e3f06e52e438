import { strFromU8 } from 'fflate';
import { expect } from 'vitest';
import { child, childrenNamed, walk, type El, type Qdpx } from './qdpx-read.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROJECT_ORDER = [
  'Users',
  'CodeBook',
  'Variables',
  'Cases',
  'Sources',
  'Notes',
  'Links',
  'Sets',
  'Graphs',
  'Description',
];

/** The text of a TextSource's file (plainTextPath internal://x → sources/x). */
export function sourceTextOf(q: Qdpx, source: El): string {
  const path = source.attrs.plainTextPath!;
  expect(path).toMatch(/^internal:\/\/[^/]+\.txt$/);
  const file = q.files[`sources/${path.slice('internal://'.length)}`];
  expect(file, `${path} is in the zip`).toBeDefined();
  return strFromU8(file!);
}

/**
 * The REFI-QDA structure, element by element: root and namespace, the Project's children in the
 * schema's order with none empty, guids that are UUIDs (and unique), Users before anything names
 * them, every CodeRef targeting a Code of the codebook, every selection inside its source text
 * (counted in code points), sources written with LF and no byte-order mark.
 */
export function checkProject(q: Qdpx): void {
  const p = q.project;
  expect(p.name).toBe('Project');
  expect(p.attrs.xmlns).toBe('urn:QDA-XML:project:1.0');
  expect(q.xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"')).toBe(
    true,
  );
  const names = p.children.map((c) => c.name);
  expect(names.every((n) => PROJECT_ORDER.includes(n))).toBe(true);
  expect(names).toEqual([...names].sort((a, b) => PROJECT_ORDER.indexOf(a) - PROJECT_ORDER.indexOf(b)));
  expect(new Set(names).size).toBe(names.length);
  for (const container of p.children)
    expect(container.children.length, `${container.name} is not empty`).toBeGreaterThan(0);

  const guids: string[] = [];
  for (const el of walk(p)) if (el.attrs.guid !== undefined) guids.push(el.attrs.guid);
  for (const g of guids) expect(g).toMatch(UUID);
  expect(new Set(guids).size).toBe(guids.length);
  for (const el of walk(p)) {
    for (const key of ['creatingUser', 'targetGUID', 'creatingUserGUID'])
      if (el.attrs[key] !== undefined) expect(el.attrs[key]).toMatch(UUID);
  }

  const users = new Set(childrenNamed(child(p, 'Users')!, 'User').map((u) => u.attrs.guid));
  for (const el of walk(p))
    if (el.attrs.creatingUser !== undefined) expect(users.has(el.attrs.creatingUser)).toBe(true);

  const codebook = child(p, 'CodeBook');
  const codes = codebook ? [...walk(codebook)].filter((e) => e.name === 'Code') : [];
  if (codebook) expect(codebook.children.map((c) => c.name)).toEqual(['Codes']);
  for (const code of codes) {
    expect(code.attrs.name).toBeDefined();
    expect(['true', 'false']).toContain(code.attrs.isCodable);
    const kids = code.children.map((c) => c.name);
    expect(kids.filter((k) => k === 'Description').length).toBeLessThanOrEqual(1);
    if (kids.includes('Description')) expect(kids[0]).toBe('Description');
    expect(kids.every((k) => k === 'Description' || k === 'Code')).toBe(true);
    if (code.attrs.color !== undefined) expect(code.attrs.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
  }
  const codeGuids = new Map(codes.map((c) => [c.attrs.guid!, c]));
  const notes = new Set((child(p, 'Notes')?.children ?? []).map((n) => n.attrs.guid));

  for (const source of childrenNamed(
    child(p, 'Sources') ?? { name: '', attrs: {}, children: [], text: '' },
    'TextSource',
  )) {
    const text = sourceTextOf(q, source);
    const file = q.files[`sources/${source.attrs.plainTextPath!.slice('internal://'.length)}`]!;
    expect([...file.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(text).not.toContain('\r');
    const length = Array.from(text).length;
    const kids = source.children.map((c) => c.name);
    expect(kids).toEqual(
      [...kids].sort(
        (a, b) =>
          ['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue'].indexOf(a) -
          ['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue'].indexOf(b),
      ),
    );
    for (const sel of childrenNamed(source, 'PlainTextSelection')) {
      const start = Number(sel.attrs.startPosition);
      const end = Number(sel.attrs.endPosition);
      expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
      expect(0 <= start && start <= end && end <= length, `${start}..${end} within ${length}`).toBe(true);
      expect(sel.attrs.creatingUser).toBeDefined();
      const selKids = sel.children.map((c) => c.name);
      expect(selKids).toEqual(
        [...selKids].sort(
          (a, b) => ['Description', 'Coding', 'NoteRef'].indexOf(a) - ['Description', 'Coding', 'NoteRef'].indexOf(b),
        ),
      );
      for (const coding of childrenNamed(sel, 'Coding')) {
        expect(coding.attrs.creatingUser).toBeDefined();
        expect(coding.children.map((c) => c.name)).toEqual(['CodeRef']);
        const target = codeGuids.get(coding.children[0]!.attrs.targetGUID!);
        expect(target, 'CodeRef targets a Code of the codebook').toBeDefined();
        expect(target!.attrs.isCodable).toBe('true');
      }
      for (const ref of childrenNamed(sel, 'NoteRef')) expect(notes.has(ref.attrs.targetGUID)).toBe(true);
    }
  }
}

/** The selection's text, sliced by code points. */
export function selectedText(q: Qdpx, source: El, sel: El): string {
  return Array.from(sourceTextOf(q, source))
    .slice(Number(sel.attrs.startPosition), Number(sel.attrs.endPosition))
    .join('');
}

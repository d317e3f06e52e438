// The flat code list (API order: parents first, siblings by position) as rows with a depth,
// and the small naming helpers the editor's forms share.
import { indexById, namePath, subtreeIds, type Code } from '@threadcoder/taxonomy';

export interface TreeRow {
  code: Code;
  depth: number;
}

export function treeRows(codes: readonly Code[]): TreeRow[] {
  const depth = new Map<string, number>();
  return codes.map((code) => {
    const d = code.parentId === null ? 0 : (depth.get(code.parentId) ?? 0) + 1;
    depth.set(code.id, d);
    return { code, depth: d };
  });
}

/** "Challenge › Dataset acquisition": how a code is named in selects, where indentation is lost. */
export function pathLabel(codes: readonly Code[], id: string): string {
  return namePath(indexById(codes), id).join(' › ');
}

/** Codes `id` may move under: any code outside its own subtree. */
export function possibleParents(codes: readonly Code[], id: string): Code[] {
  const inside = subtreeIds(codes, id);
  return codes.filter((code) => !inside.has(code.id));
}

export function siblingsOf(codes: readonly Code[], parentId: string | null, except?: string): Code[] {
  return codes
    .filter((code) => code.parentId === parentId && code.id !== except)
    .sort((a, b) => a.position - b.position);
}

/** A code id from a name: "Dataset usage" -> "dataset-usage", made unique among `taken`. */
export function idFromName(name: string, taken: ReadonlySet<string>): string {
  const stem =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'code';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return id;
}

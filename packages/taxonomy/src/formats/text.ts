// Small text pieces shared by the human-readable exports (CSV, Markdown).
import type { Code, Codebook, Example } from '../schema.ts';
import { indexById, namePath, preorder } from '../tree.ts';

/** `"quote" (post 12)`: how an example reads in a cell. */
export function exampleText(example: Example): string {
  return example.postId === undefined ? `"${example.quote}"` : `"${example.quote}" (post ${example.postId})`;
}

export interface ExportOptions {
  /** Leave out deprecated codes and codes under them (e.g. for a paper's appendix). */
  activeOnly?: boolean;
}

/** Codes in tree order with their name paths, as every tabular export lists them. */
export function exportRows(codebook: Codebook, options: ExportOptions = {}): { code: Code; path: string[] }[] {
  const byId = indexById(codebook.codes);
  const retired = new Set<string>();
  const rows: { code: Code; path: string[] }[] = [];
  for (const code of preorder(codebook.codes)) {
    const parentRetired = code.parentId !== null && retired.has(code.parentId);
    if (code.status === 'deprecated' || parentRetired) retired.add(code.id);
    if (options.activeOnly && retired.has(code.id)) continue;
    rows.push({ code, path: namePath(byId, code.id) });
  }
  return rows;
}

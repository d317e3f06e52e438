// The category list that comes with a dump: a file the user names (--categories, the Sources
// page), else a site.json/categories.json inside the zip. (The CLI also looks beside the dump.)
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readForumCategoryList, type ForumCategory } from './forum-category-list.ts';
import { importErrors } from './errors.ts';
import type { InputFile } from './input.ts';
import { zipForumCategories } from './discourse/zip.ts';
import type { ImportLimits } from './types.ts';

export async function dumpForumCategories(
  input: InputFile,
  categoriesFile: string | undefined,
  limits: ImportLimits,
): Promise<ForumCategory[] | undefined> {
  if (categoriesFile) {
    const name = basename(categoriesFile);
    const size = await stat(categoriesFile).then(
      (s) => s.size,
      () => {
        throw importErrors.notFound({ file: name });
      },
    );
    if (size > limits.maxRecordBytes)
      throw importErrors.recordTooLarge({ file: name }, limits.maxRecordBytes, 'is this a category list?');
    return parse(await readFile(categoriesFile, 'utf8'), name);
  }
  if (!input.isZip) return undefined;
  const found = await zipForumCategories(input, limits);
  return found && parse(found.text, found.name);
}

function parse(text: string, file: string): ForumCategory[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw importErrors.invalidJson({ file }, err instanceof Error ? err.message : String(err), true);
  }
  return readForumCategoryList(json, file);
}

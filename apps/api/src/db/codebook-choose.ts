// Choosing a study's codebook: from a template (the Hugging Face forum template unless
// another is named), empty (a Challenge and a Benefit dimension), or an imported
// Threadcoder JSON / REFI-QDA .qdc file. The choice starts a new lineage at version 1
// and pins it; codings made with the old codebook would lose their meaning, so a study
// that has codings keeps its codebook and edits it instead.
import {
  checkCodebook,
  DEFAULT_TEMPLATE_ID,
  fromJson,
  fromQdc,
  MAX_NAME_LENGTH,
  type Codebook,
} from '@threadcoder/taxonomy';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { unwrapResult } from './codebook-issues.ts';
import { templateCodebook } from './codebook-templates.ts';
import { createCodebook } from './codebooks.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

export const chooseCodebookSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('template'), templateId: z.string().min(1).max(100).default(DEFAULT_TEMPLATE_ID) }),
  z.object({ source: z.literal('empty'), name: z.string().trim().min(1).max(MAX_NAME_LENGTH).default('Codebook') }),
  // The file's text; its size is checked by the importer (MAX_IMPORT_BYTES, 413).
  z.object({
    source: z.literal('import'),
    format: z.enum(['json', 'qdc']),
    text: z.string(),
    filename: z.string().max(255).optional(),
  }),
]);
export type CodebookChoice = z.infer<typeof chooseCodebookSchema>;

const dimension = (id: string, name: string, position: number) => ({
  id,
  parentId: null,
  position,
  dimension: id,
  name,
  definition: '',
  includeNote: '',
  excludeNote: '',
  examples: [],
  color: null,
  shortcut: null,
  status: 'active' as const,
  codable: false,
});

/** Version 1 of the chosen codebook, with the message its first version records; throws 4xx on bad input. */
export function codebookFromChoice(choice: CodebookChoice): { codebook: Codebook; message: string } {
  if (choice.source === 'template') {
    const codebook = templateCodebook(choice.templateId);
    return { codebook, message: `Created from the template "${codebook.name}"` };
  }
  if (choice.source === 'empty') {
    const codes = [dimension('challenge', 'Challenge', 0), dimension('benefit', 'Benefit', 1)];
    const codebook = unwrapResult(
      checkCodebook({ name: choice.name, description: '', templateId: null, version: 1, codes }),
    );
    return { codebook, message: 'Created empty' };
  }
  const name =
    choice.filename
      ?.replace(/\.[^.]*$/, '')
      .trim()
      .slice(0, MAX_NAME_LENGTH) || undefined;
  const read = choice.format === 'json' ? fromJson(choice.text) : fromQdc(choice.text, name ? { name } : {});
  // An imported lineage starts again at version 1, whatever version the file was exported at.
  const codebook = { ...unwrapResult(read), version: 1 };
  return {
    codebook,
    message: `Imported from ${choice.filename ?? `a ${choice.format === 'json' ? 'JSON' : '.qdc'} file`}`,
  };
}

/** Stores the codebook as a new lineage and pins its first version to the study, audited. */
export function chooseCodebook(
  db: Db,
  studyId: number,
  codebook: Codebook,
  userId: number,
  message: string,
): { codebookId: number; versionId: number } {
  return writeTransaction(db, () => {
    // Anyone's coding counts, blind or not; the answer says only that some exist, never how many.
    const coded = db
      .prepare('SELECT EXISTS (SELECT 1 FROM codings c JOIN units u ON u.id = c.unit_id WHERE u.study_id = ?)')
      .pluck()
      .get(studyId);
    if (coded === 1) {
      throw new AppError(
        'codebook.study_has_codings',
        409,
        'This study already has codings made with its codebook, so the codebook cannot be replaced; edit it instead.',
      );
    }
    const before = db
      .prepare('SELECT codebook_id AS codebookId, codebook_version_id AS versionId FROM studies WHERE id = ?')
      .get(studyId);
    const ids = createCodebook(db, codebook, userId, message);
    db.prepare('UPDATE studies SET codebook_id = ?, codebook_version_id = ? WHERE id = ?').run(
      ids.codebookId,
      ids.versionId,
      studyId,
    );
    audit(db, {
      userId,
      studyId,
      action: 'codebook.choose',
      entity: 'study',
      entityId: studyId,
      before,
      after: { ...ids, message },
    });
    return ids;
  });
}

// `threadcoder export codebook --study <id> --format json|csv|md|qdc [--version N] [--out file]`
// Writes a version of the study's codebook (the pinned one unless --version names another)
// to stdout, or to --out. The bytes are the export route's (db/codebook-export.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { codebookFile, exportFormatSchema, studyCodebookVersion } from '../db/codebook-export.ts';
import { openDb } from '../db/open.ts';
import { AppError } from '../http/errors.ts';

const USAGE = 'Usage: threadcoder export codebook --study <id> --format json|csv|md|qdc [--version N] [--out file]';

export async function run(argv: string[]): Promise<number> {
  let values: { study?: string; format?: string; version?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: argv.slice(1),
      options: {
        study: { type: 'string' },
        format: { type: 'string' },
        version: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const studyId = Number(values.study);
  const format = exportFormatSchema.safeParse(values.format);
  const version = values.version === undefined ? undefined : Number(values.version);
  const problem =
    !Number.isInteger(studyId) || studyId <= 0
      ? '--study needs a study id'
      : !format.success
        ? `--format must be json, csv, md or qdc${values.format ? `, got "${values.format}"` : ''}`
        : version !== undefined && !(Number.isInteger(version) && version > 0)
          ? '--version must be a version number'
          : null;
  if (problem || !format.success) {
    console.error(`${problem}\n${USAGE}`);
    return 2;
  }
  const db = openDb();
  try {
    const codebook = studyCodebookVersion(db, studyId, version);
    const file = codebookFile(codebook, format.data);
    if (values.out) {
      writeFileSync(resolve(values.out), file.body);
      console.log(`Wrote version ${codebook.version} of the codebook (${format.data}) to ${resolve(values.out)}.`);
    } else {
      process.stdout.write(file.body);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(
      err.status === 404 && err.message.startsWith('The study') ? `There is no study ${studyId}.` : err.message,
    );
    return 1;
  } finally {
    db.close();
  }
}

// `threadcoder export counts|codings|final|report|qdpx --study <id> [--period month|quarter|year]
//  [--format md|html] [--out file]`
// Writes one of a study's exports (exports/files.ts, the bytes the Export page downloads) to
// stdout, or to --out; a .qdpx is a zip and needs --out. The CLI runs as the database's
// operator, who can read the whole file anyway: it sees every coding and the final labels,
// whatever the blind rule would hide from a member in the web app.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/open.ts';
import { studyExists } from '../db/studies.ts';
import { OPERATOR } from '../exports/access.ts';
import { exportFile, exportKindSchema, periodSchema, reportFormatSchema } from '../exports/files.ts';
import { AppError } from '../http/errors.ts';

const USAGE =
  'Usage: threadcoder export counts|codings|final|report|qdpx --study <id> [--period month|quarter|year] [--format md|html] [--out file]';

type Values = { study?: string; period?: string; format?: string; out?: string };

function problemWith(kind: string | undefined, values: Values): string | null {
  const studyId = Number(values.study);
  if (!exportKindSchema.safeParse(kind).success) return `Unknown export "${kind ?? ''}"`;
  if (!Number.isInteger(studyId) || studyId <= 0) return '--study needs a study id';
  if (values.period !== undefined && !(kind === 'counts' || kind === 'report'))
    return '--period applies to counts and report only';
  if (values.period !== undefined && !periodSchema.safeParse(values.period).success)
    return `--period must be month, quarter or year, got "${values.period}"`;
  if (values.format !== undefined && kind !== 'report') return '--format applies to report only';
  if (values.format !== undefined && !reportFormatSchema.safeParse(values.format).success)
    return `--format must be md or html, got "${values.format}"`;
  if (kind === 'qdpx' && !values.out) return 'A .qdpx file is a zip: name it with --out';
  return null;
}

export async function run(argv: string[]): Promise<number> {
  let values: Values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(1),
      options: {
        study: { type: 'string' },
        period: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const problem = problemWith(argv[0], values);
  if (problem) {
    console.error(`${problem}\n${USAGE}`);
    return 2;
  }
  const kind = exportKindSchema.parse(argv[0]);
  const studyId = Number(values.study);
  const db = openDb();
  try {
    if (!studyExists(db, studyId)) {
      console.error(`There is no study ${studyId}.`);
      return 2;
    }
    const file = exportFile(db, studyId, kind, OPERATOR, {
      period: values.period === undefined ? undefined : periodSchema.parse(values.period),
      format: values.format === undefined ? undefined : reportFormatSchema.parse(values.format),
    });
    if (values.out) {
      const out = resolve(values.out);
      writeFileSync(out, file.body);
      console.log(`Wrote the ${kind} export of study ${studyId} to ${out}.`);
    } else {
      process.stdout.write(file.body);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.message);
    return 1;
  } finally {
    db.close();
  }
}

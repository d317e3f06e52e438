// `threadcoder import-labels <file.csv> --study <id> [--final] [--map "name=code-id" …] [--yes]`:
// existing labels into a study as codings, or with --final as final labels (settled adjudications
// by the study owner). Without --yes it only previews (nothing is written); rows without a coder
// become the study owner's codings.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import { commitLabelImport, previewLabelImport, type LabelImportPreview } from '../labels/label-import.ts';

const USAGE = 'Usage: threadcoder import-labels <file.csv> --study <id> [--final] [--map "name=code-id" …] [--yes]';

function describe(p: LabelImportPreview, written: boolean): string[] {
  return [
    `${p.rows} rows: ${p.kind === 'final' ? `final labels of ${p.finals} units` : `${p.codings} codings`} with ${p.labels} labels ${written ? 'written' : 'to write'}${p.replaces ? ` (${p.replaces} replacing existing ones)` : ''}.`,
    ...p.unmatched.map((u) => `line ${u.line}: ${u.reason}`),
    ...p.unknownCodes.map(
      (u) => `unknown code "${u.name}" on lines ${u.lines.join(', ')}: add --map "${u.name}=<code id>"`,
    ),
  ];
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      study: { type: 'string' },
      final: { type: 'boolean' },
      map: { type: 'string', multiple: true },
      yes: { type: 'boolean' },
    },
  });
  const studyId = Number(values.study);
  if (positionals.length !== 1 || !Number.isInteger(studyId) || studyId <= 0) {
    console.error(USAGE);
    return 2;
  }
  const mapping: Record<string, string> = {};
  for (const pair of values.map ?? []) {
    const at = pair.lastIndexOf('=');
    if (at < 1) {
      console.error(`--map "${pair}" is not name=code-id.\n${USAGE}`);
      return 2;
    }
    mapping[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const db = openDb();
  try {
    const owner = db
      .prepare("SELECT user_id FROM study_members WHERE study_id = ? AND role = 'owner' ORDER BY user_id LIMIT 1")
      .pluck()
      .get(studyId) as number | undefined;
    if (owner === undefined) {
      console.error(`Study ${studyId} does not exist or has no owner.`);
      return 1;
    }
    const file = positionals[0]!;
    const kind = values.final ? ('final' as const) : ('codings' as const);
    const input = { csv: readFileSync(file, 'utf8'), mapping, kind, fileName: basename(file) };
    const result = values.yes
      ? commitLabelImport(db, studyId, owner, input)
      : previewLabelImport(db, studyId, owner, input);
    for (const line of describe(result, values.yes === true)) console.log(line);
    if (!values.yes) console.log('Nothing written: run again with --yes to import.');
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(`${e.message}${e.where?.line ? ` (line ${e.where.line})` : ''}`);
    return 1;
  } finally {
    db.close();
  }
}

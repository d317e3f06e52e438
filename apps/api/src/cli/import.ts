// `threadcoder import <file> --source <name> [--format f] [--lenient] [--base-url URL] [--map k=col,…] [--json]`
// Records the import in the imports table like an upload would, prints its report.
// Exit codes: 0 imported, 2 bad input or usage, 1 anything else.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openDb } from '../db/open.ts';
import { indexDeferred } from './index-deferred.ts';
import { parseCommand } from './parse-command.ts';
import { AppError } from '../http/errors.ts';
import { describeWhere } from '../import/errors.ts';
import { createImport, executeImport } from '../import/jobs.ts';
import { importRequestSchema } from '../import/schema.ts';
import { parseMappingSpec } from '../import/table/mapping.ts';
import { formatChoices, formatNamed } from '../import/formats.ts';
import type { ImportReport } from '../import/types.ts';

// Failures that are not the file's fault (exit 1); every other import.* code is bad input (exit 2).
const notInputErrors = new Set([
  'import.failed',
  'import.crashed',
  'import.conflict',
  'import.busy',
  'import.interrupted',
]);

const usage = `Usage: threadcoder import <file> --source <name> [--format ${formatChoices}] [--lenient] [--base-url URL] [--map threadId=col,postId=col,...] [--date-format "MMM d, yyyy h:mm a"] [--categories site.json] [--json]`;

const flags = {
  source: { type: 'string' },
  format: { type: 'string' },
  lenient: { type: 'boolean' },
  'base-url': { type: 'string' },
  map: { type: 'string' },
  'date-format': { type: 'string' },
  categories: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand({ args: argv, allowPositionals: true, options: flags }, usage);
  if (!args) return 2;
  const { values, positionals } = args;
  const format = values.format === undefined ? undefined : formatNamed(values.format);
  if (positionals.length !== 1 || !values.source || (values.format !== undefined && !format)) {
    console.error(usage);
    return 2;
  }
  // Thread links are built from the base URL, so it must be http(s) (never javascript: or data:), as uploads require.
  if (values['base-url'] !== undefined && !importRequestSchema.shape.baseUrl.safeParse(values['base-url']).success) {
    console.error(
      `--base-url must be an http(s) URL such as https://discuss.huggingface.co, not "${values['base-url']}".`,
    );
    return 2;
  }
  const db = openDb();
  try {
    const importId = await createImport(db, {
      file: positionals[0]!,
      sourceName: values.source,
      format,
      mode: values.lenient ? 'lenient' : 'strict',
      baseUrl: values['base-url'],
      mapping: values.map ? parseMappingSpec(values.map) : undefined,
      dateFormat: values['date-format'],
      categoriesFile: values.categories ?? besideDump(positionals[0]!),
    });
    const record = await executeImport(db, importId);
    if (record.error) {
      console.error(`Import failed (${record.error.code}): ${record.error.message}`);
      return notInputErrors.has(record.error.code) ? 1 : 2;
    }
    console.log(values.json ? JSON.stringify(record.report, null, 2) : summary(record.filename, record.report!));
    await indexDeferred(db);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`Import failed (${err.code}): ${err.message}`);
    return notInputErrors.has(err.code) ? 1 : 2;
  } finally {
    db.close();
  }
}

/** A site.json or categories.json in the dump's folder names its categories when --categories does not. */
function besideDump(file: string): string | undefined {
  const dir = dirname(resolve(file));
  return ['site.json', 'categories.json']
    .map((name) => join(dir, name))
    .find((path) => path !== resolve(file) && existsSync(path));
}

function summary(file: string, r: ImportReport): string {
  const counts = (c: ImportReport['posts']) => `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`;
  const lines = [`Imported ${file} (${r.format}): threads ${counts(r.threads)}; posts ${counts(r.posts)}.`];
  if (r.rejected.length) {
    lines.push(`Rejected ${r.rejected.length + r.rejectedOmitted}:`);
    for (const x of r.rejected) lines.push(`  ${describeWhere(x.where)}  ${x.code}  ${x.reason}`);
    if (r.rejectedOmitted) lines.push(`  … and ${r.rejectedOmitted} more`);
  }
  for (const s of r.skipped) lines.push(`Skipped ${s.count} ${s.reason}.`);
  if (r.links && !r.links.baseUrl && (r.links.relative > 0 || r.format === 'discourse')) {
    const relative = r.links.relative
      ? `${r.links.relative} links or images stayed relative (/t/…, /u/…, /uploads/…), so links show as text, images are left out and `
      : '';
    lines.push(
      `No forum address: ${relative}threads have no URL. Import again with --base-url https://the.forum to resolve them.`,
    );
  }
  if (r.search?.state === 'indexing') {
    lines.push(
      `Search index: ${r.search.pending} posts left to index, indexing them now; search may miss them until then (if stopped, the server finishes at its next start).`,
    );
  }
  return lines.join('\n');
}

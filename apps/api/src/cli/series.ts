// `threadcoder series import <file> --name N --source S --unit U [--layout wide|long|multi] [--frequency month|week|day]`
// `threadcoder series list` · `series show <id>` · `series export <id> [--out file]` · `series delete <id>`
// `threadcoder series compare --left <id> --right <id> [--map left=right,…] [--alpha 0.05] [--aggregate sum|mean]`
// `threadcoder series mentions <study id> [--count topics|posts]`: the study's keyword-group mentions
// stored as a series set, printed with each group's matching rules
// Every answer is JSON on stdout, so each number can be checked outside the app.
// Exit codes: 0 done, 2 bad usage or bad input (the message names file, line and column), 1 anything else.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openDb } from '../db/open.ts';
import { deleteSeriesSet, getSeriesSet, listSeriesSets } from '../db/series.ts';
import { AppError } from '../http/errors.ts';
import { MENTION_UNITS, type MentionUnit, storeMentionSeries } from '../words/mention-series.ts';
import { compareSets } from '../series/compare-sets.ts';
import { importSeries } from '../series/import-series.ts';
import { AGGREGATES, type Aggregate } from '../series/monthly.ts';
import { FREQUENCIES, LAYOUTS, type Frequency, type Layout } from '../series/parse-csv.ts';
import { seriesSetCsv } from '../series/series-csv.ts';
import { parseCommand } from './parse-command.ts';

const usage = [
  'Usage: threadcoder series import <file> --name <name> --source <source> --unit <unit> [--layout wide|long|multi] [--frequency month|week|day]',
  '       threadcoder series list | show <id> | export <id> [--out file] | delete <id>',
  '       threadcoder series compare --left <id> --right <id> [--map left=right,…] [--alpha 0.05] [--aggregate sum|mean]',
  '       threadcoder series mentions <study id> [--count topics|posts]',
].join('\n');

const options = {
  name: { type: 'string' },
  source: { type: 'string' },
  unit: { type: 'string' },
  layout: { type: 'string' },
  frequency: { type: 'string' },
  out: { type: 'string' },
  left: { type: 'string' },
  right: { type: 'string' },
  map: { type: 'string' },
  alpha: { type: 'string' },
  aggregate: { type: 'string' },
  count: { type: 'string' },
} as const;

/** "bert=BERT,gpt-2=gpt2,t5=" -> { bert: 'BERT', 'gpt-2': 'gpt2', t5: '' }; null when malformed. */
function parseMap(spec: string | undefined): Record<string, string> | null {
  if (!spec) return {};
  const entries = spec.split(',').map((part) => part.split('='));
  if (entries.some((e) => e.length !== 2 || !e[0]!.trim())) return null;
  return Object.fromEntries(entries.map(([from, to]) => [from!.trim(), to!.trim()]));
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand({ args: argv, allowPositionals: true, options }, usage);
  if (!args) return 2;
  const { values: v, positionals } = args;
  const [verb, target] = positionals;
  const id = Number(target);
  const needsId = verb === 'show' || verb === 'export' || verb === 'delete' || verb === 'mentions';
  if ((needsId && !(Number.isSafeInteger(id) && id > 0)) || (verb === 'import' && !target)) {
    console.error(usage);
    return 2;
  }
  if (verb === 'import' && (!v.name || !v.source || !v.unit)) {
    console.error(`series import needs --name, --source and --unit.\n${usage}`);
    return 2;
  }
  if (
    (v.layout && !LAYOUTS.includes(v.layout as Layout)) ||
    (v.frequency && !FREQUENCIES.includes(v.frequency as Frequency))
  ) {
    console.error(`--layout is one of ${LAYOUTS.join(', ')}; --frequency one of ${FREQUENCIES.join(', ')}.\n${usage}`);
    return 2;
  }
  if (verb === 'mentions' && v.count && !MENTION_UNITS.includes(v.count as MentionUnit)) {
    console.error(`--count is one of ${MENTION_UNITS.join(', ')}.\n${usage}`);
    return 2;
  }
  const mapping = parseMap(v.map);
  const [left, right, alpha] = [Number(v.left), Number(v.right), v.alpha === undefined ? 0.05 : Number(v.alpha)];
  if (
    verb === 'compare' &&
    (!(Number.isSafeInteger(left) && Number.isSafeInteger(right) && left > 0 && right > 0) ||
      !mapping ||
      !(alpha > 0 && alpha < 1) ||
      (v.aggregate && !AGGREGATES.includes(v.aggregate as Aggregate)))
  ) {
    console.error(
      `series compare needs --left and --right set ids; --map a=b,…; 0 < --alpha < 1; --aggregate sum|mean.\n${usage}`,
    );
    return 2;
  }
  const db = openDb();
  try {
    if (verb === 'import') {
      const text = await readFile(target!, 'utf8');
      const set = importSeries(
        db,
        {
          text,
          fileName: basename(target!),
          name: v.name!,
          source: v.source!,
          unit: v.unit!,
          layout: v.layout as Layout | undefined,
          frequency: v.frequency as Frequency | undefined,
        },
        null,
      );
      console.log(JSON.stringify(set, null, 2));
    } else if (verb === 'list') console.log(JSON.stringify(listSeriesSets(db), null, 2));
    else if (verb === 'show') console.log(JSON.stringify(getSeriesSet(db, id), null, 2));
    else if (verb === 'export') {
      const csv = seriesSetCsv(getSeriesSet(db, id));
      if (v.out) await writeFile(v.out, csv);
      else process.stdout.write(csv);
    } else if (verb === 'compare') {
      const report = compareSets(db, {
        left,
        right,
        mapping: mapping!,
        alpha,
        aggregate: v.aggregate as Aggregate | undefined,
      });
      console.log(JSON.stringify(report, null, 2));
    } else if (verb === 'mentions') {
      const set = getSeriesSet(db, storeMentionSeries(db, id, (v.count as MentionUnit | undefined) ?? 'topics', null));
      console.log(JSON.stringify({ set, matching: set.report.matching }, null, 2));
    } else if (verb === 'delete') {
      deleteSeriesSet(db, id);
      console.log(JSON.stringify({ deleted: id }));
    } else {
      console.error(usage);
      return 2;
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const w = err.where;
    const at = [w?.file, w?.line && `line ${w.line}`, w?.field && `column ${w.field}`].filter(Boolean).join(', ');
    console.error(`${at ? `${at}: ` : ''}${err.message}`);
    return err.status === 404 || err.status === 409 || err.status === 400 ? 2 : 1;
  } finally {
    db.close();
  }
}

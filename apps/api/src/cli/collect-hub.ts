// `threadcoder collect-hub [--hub URL] [--since date] [--until date] [--author a] [--pipeline-tag t] [--library l] [--search s] [--max-models N] [--rate r/s] [--page-size N] [--max-retries N] [--card-details]`
// Collects model metadata from the Hugging Face Hub's listing, then derives the monthly series
// (per model type, base model, pipeline tag, library; card share) and prints the run and the
// derived sets as one JSON object on stdout. --card-details adds one request per model whose
// listing entry left its card open (hub/card-details.ts). Progress goes to stderr; Ctrl-C stops after the
// page in hand with the state saved, and the same command resumes.
// Exit codes: 0 done, 2 bad usage, 1 the run failed, 130 stopped.
import { listSeriesSets } from '../db/series.ts';
import { DEFAULT_HUB_RETRIES, executeHubCollection, openHubCollection } from '../hub/collector.ts';
import { deriveHubSeries, HUB_DIMENSIONS } from '../hub/derive-series.ts';
import { resolveHubOptions } from '../hub/options.ts';
import { describeHubProgress } from '../hub/progress-text.ts';
import { resolveOrUsage, retriesArg, runCollection } from './collect-run.ts';
import { parseCommand } from './parse-command.ts';

const usage =
  'Usage: threadcoder collect-hub [--hub URL] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--author name] [--pipeline-tag tag] [--library name] [--search text] [--max-models N] [--rate requests/s] [--page-size N] [--max-retries N] [--card-details]';

const flags = {
  hub: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  author: { type: 'string' },
  'pipeline-tag': { type: 'string' },
  library: { type: 'string' },
  search: { type: 'string' },
  'max-models': { type: 'string' },
  rate: { type: 'string' },
  'page-size': { type: 'string' },
  'max-retries': { type: 'string' },
  'card-details': { type: 'boolean' },
} as const;

const numberOr = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand({ args: argv, options: flags }, usage);
  if (!args) return 2;
  const v = args.values;
  const maxRetries = retriesArg(v['max-retries'], DEFAULT_HUB_RETRIES);
  if (maxRetries === null) {
    console.error(usage);
    return 2;
  }
  const hubOptions = resolveOrUsage(
    () =>
      resolveHubOptions({
        hubUrl: v.hub,
        since: v.since,
        until: v.until,
        author: v.author,
        pipelineTag: v['pipeline-tag'],
        library: v.library,
        search: v.search,
        maxModels: numberOr(v['max-models']),
        rate: numberOr(v.rate),
        pageSize: numberOr(v['page-size']),
        cardDetails: v['card-details'] ?? false,
      }),
    usage,
  );
  if (!hubOptions) return 2;
  return runCollection('Hub collection', 'page', async (db, signal) => {
    const { id, resumed } = openHubCollection(db, hubOptions);
    console.error(
      `${resumed ? 'Resuming' : 'Starting'} Hub collection #${id}: ${hubOptions.hubUrl} at ${hubOptions.rate} request(s)/s.`,
    );
    const record = await executeHubCollection(db, id, {
      signal,
      maxRetries,
      onProgress: (r) => console.error(describeHubProgress(r)),
    });
    const derived = HUB_DIMENSIONS.map((d) => deriveHubSeries(db, d));
    const sets = listSeriesSets(db).filter((s) => derived.includes(s.id));
    console.log(JSON.stringify({ collection: record, derivedSeries: sets }, null, 2));
    return record;
  });
}

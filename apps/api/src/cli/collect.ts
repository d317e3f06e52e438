// `threadcoder collect <forum-url> [--source name] [--category slug] [--since date] [--until date] [--max-topics N] [--whole-forum] [--rate r/s] [--max-retries N]`
// Collects topics from a live Discourse forum into a source. Progress goes to stderr; Ctrl-C
// stops after the current topic with the state saved, and the same command resumes.
// THREADCODER_DISCOURSE_API_KEY / THREADCODER_DISCOURSE_API_USERNAME, if set, are sent as
// Api-Key / Api-Username to THREADCODER_DISCOURSE_API_ORIGIN only. Big topics leave search
// indexing for catch-up, done here before exiting. Exit codes: 0 done, 2 bad usage, 1 the run failed, 130 stopped.
import { apiKeyFromEnv } from '../collect/api-key.ts';
import { DEFAULT_MAX_RETRIES, executeCollection, openCollection } from '../collect/collector.ts';
import { resolveOptions } from '../collect/options.ts';
import { describeProgress, describeResult } from '../collect/progress-text.ts';
import { searchIndexState } from '../db/search-catchup.ts';
import { resolveOrUsage, retriesArg, runCollection } from './collect-run.ts';
import { indexDeferred } from './index-deferred.ts';
import { parseCommand } from './parse-command.ts';

const usage =
  'Usage: threadcoder collect <forum-url> [--source name] [--category slug] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--max-topics N] [--whole-forum] [--rate requests/s] [--max-retries N]';

const flags = {
  source: { type: 'string' },
  category: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'max-topics': { type: 'string' },
  'whole-forum': { type: 'boolean' },
  rate: { type: 'string' },
  'max-retries': { type: 'string' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand({ args: argv, allowPositionals: true, options: flags }, usage);
  if (!args) return 2;
  const { values, positionals } = args;
  const maxRetries = retriesArg(values['max-retries'], DEFAULT_MAX_RETRIES);
  if (positionals.length !== 1 || maxRetries === null) {
    console.error(usage);
    return 2;
  }
  const options = resolveOrUsage(
    () =>
      resolveOptions({
        forumUrl: positionals[0]!,
        source: values.source,
        category: values.category,
        since: values.since,
        until: values.until,
        maxTopics: values['max-topics'] === undefined ? undefined : Number(values['max-topics']),
        rate: values.rate === undefined ? undefined : Number(values.rate),
        wholeForum: values['whole-forum'],
      }),
    usage,
  );
  if (!options) return 2;
  return runCollection('Collection', 'topic', async (db, signal) => {
    const apiKey = apiKeyFromEnv();
    if (apiKey && apiKey.origin !== new URL(options.forumUrl).origin) {
      console.error(
        `THREADCODER_DISCOURSE_API_KEY is set but not sent: THREADCODER_DISCOURSE_API_ORIGIN (${apiKey.origin ?? 'unset'}) is not this forum's origin.`,
      );
    }
    const { id, resumed } = openCollection(db, options);
    console.error(
      `${resumed ? 'Resuming' : 'Starting'} collection #${id}: ${options.forumUrl} into "${options.source}" at ${options.rate} request(s)/s.`,
    );
    const tty = process.stderr.isTTY;
    let shown = '';
    const show = (line: string) => {
      if (line === shown) return;
      shown = line;
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else console.error(line);
    };
    const record = await executeCollection(db, id, {
      signal,
      maxRetries,
      apiKey,
      onProgress: (r) => show(describeProgress(r.progress)),
    });
    if (tty) process.stderr.write('\n');
    // Topics of 2,000 posts or more left their search index entries for catch-up, as a big import does.
    const { state, pending } = searchIndexState(db);
    if (state === 'indexing') console.error(`Search index: indexing ${pending} posts…`);
    await indexDeferred(db);
    const summary = describeResult(record);
    if (record.status === 'succeeded') console.log(summary);
    else console.error(summary);
    return record;
  });
}

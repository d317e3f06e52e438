// Discourse dumps: a topic JSON, a JSON array or JSONL of topics, or a zip of such files.
import { IdRegistry } from '../ids.ts';
import { readFile, type InputFile } from '../input.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import { readTopics } from './json.ts';
import { zipSources } from './zip.ts';

export async function* parseDiscourse(input: InputFile, ctx: ParseContext): AsyncGenerator<ParsedItem> {
  // Ids are unique across the whole input, zip entries included.
  const ids = new IdRegistry();
  try {
    if (!input.isZip) {
      yield* readTopics({ name: input.name, head: input.head, open: () => readFile(input, ctx.progress) }, ctx, ids);
      return;
    }
    for await (const item of zipSources(input, ctx)) {
      if ('kind' in item) yield item;
      else yield* readTopics(item, ctx, ids);
    }
  } finally {
    ids.close();
  }
}

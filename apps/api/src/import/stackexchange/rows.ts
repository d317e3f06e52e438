// Pass 1 over a Stack Exchange Posts.xml: stream the XML with saxes and stage each
// question and answer row (one SQLite row each; see stager.ts for why not in memory).
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ErrorWhere } from '../../http/errors.ts';
import { toUtcIso } from '../dates.ts';
import { importErrors, isImportError, type ImportError } from '../errors.ts';
import { optionalInt, optionalString, readId } from '../fields.ts';
import { readFile, type InputFile } from '../input.ts';
import type { PostStager } from '../stager.ts';
import type { ParseContext, ParsedItem } from '../types.ts';

/** What a staged row carries besides its keys. */
export interface RowPayload {
  title?: string;
  tags?: string;
  views?: number;
  author?: string;
  score?: number;
  /** A question's accepted answer (the answer's Id), when its asker accepted one. */
  acceptedAnswerId?: string;
  body: string;
}

// Rows sit two deep (<posts><row/>). Far deeper is no dump, and saxes keeps every open element
// in memory: a file of nothing but opening tags would exhaust it.
const MAX_DEPTH = 64;
const QUESTION = '1';
const ANSWER = '2';
const otherTypes: Record<string, string> = {
  '3': 'orphaned tag wikis',
  '4': 'tag wiki excerpts',
  '5': 'tag wikis',
  '6': 'moderator nominations',
  '7': 'wiki placeholders',
  '8': 'privilege wikis',
};

/** Streams the rows into `stager`, yielding rejections and skip counts as it goes. */
export async function* stageRows(input: InputFile, ctx: ParseContext, stager: PostStager): AsyncGenerator<ParsedItem> {
  const parser = new SaxesParser({ position: true });
  const out: ParsedItem[] = [];
  const skipped = new Map<string, number>();
  let xmlError: ImportError | undefined;
  parser.on('error', (err) => {
    // saxes' column is the 0-based column of the next character: the 1-based one of the character just read.
    xmlError ??= importErrors.invalidXml(
      { file: input.name, line: parser.line, field: `column ${parser.column}` },
      err.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, ''),
    );
  });
  let depth = 0;
  // Where the last tag ended: saxes holds everything since in memory (an attribute, a text), so that is bounded too.
  let tagEnd = 0;
  parser.on('closetag', () => {
    depth--;
    tagEnd = parser.position;
  });
  parser.on('opentag', (tag) => {
    tagEnd = parser.position;
    if (++depth > MAX_DEPTH) {
      xmlError ??= importErrors.invalidXml(
        { file: input.name, line: parser.line, field: `column ${parser.column}` },
        `elements nested more than ${MAX_DEPTH} deep`,
      );
      return;
    }
    if (tag.name !== 'row') return;
    const where: ErrorWhere = { file: input.name, line: parser.line };
    try {
      const type = (tag as SaxesTagPlain).attributes.PostTypeId;
      if (type !== QUESTION && type !== ANSWER) {
        const reason = `Stack Exchange ${otherTypes[type ?? ''] ?? `rows with PostTypeId ${type ?? '(none)'}`}`;
        skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
        return;
      }
      const dup = stageRow((tag as SaxesTagPlain).attributes, type === QUESTION, where, stager);
      if (dup) out.push({ kind: 'reject', error: dup });
    } catch (err) {
      if (!isImportError(err)) throw err;
      out.push({ kind: 'reject', error: err });
    }
  });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of readFile(input, ctx.progress) as AsyncIterable<Buffer>) {
    parser.write(decoder.write(chunk));
    if (xmlError) throw xmlError;
    if (parser.position - tagEnd > ctx.limits.maxRecordBytes) {
      throw importErrors.recordTooLarge(
        { file: input.name, line: parser.line },
        ctx.limits.maxRecordBytes,
        'a row, or text between rows, this long is no forum post',
      );
    }
    yield* out.splice(0);
  }
  parser.write(decoder.end());
  parser.close();
  if (xmlError) throw xmlError;
  yield* out.splice(0);
  for (const [reason, count] of skipped) yield { kind: 'skip', reason, count };
}

function stageRow(
  a: Record<string, string>,
  isQuestion: boolean,
  where: ErrorWhere,
  stager: PostStager,
): ImportError | undefined {
  const f = (field: string): ErrorWhere => ({ ...where, field });
  const id = readId(a.Id, f('Id'), 'Id');
  const parent = isQuestion ? id : readId(a.ParentId, f('ParentId'), 'ParentId of the answer');
  const payload: RowPayload = {
    title: isQuestion ? (optionalString(a.Title, f('Title'), 'Title') ?? '') : undefined,
    tags: a.Tags,
    views: optionalInt(a.ViewCount, f('ViewCount'), 'ViewCount'),
    author:
      optionalString(a.OwnerDisplayName, f('OwnerDisplayName'), 'OwnerDisplayName') ??
      (a.OwnerUserId ? `user ${a.OwnerUserId}` : undefined),
    score: optionalInt(a.Score, f('Score'), 'Score'),
    acceptedAnswerId: isQuestion
      ? optionalString(a.AcceptedAnswerId, f('AcceptedAnswerId'), 'AcceptedAnswerId')
      : undefined,
    body: a.Body ?? '',
  };
  if (isQuestion && !payload.title) throw importErrors.missingField(f('Title'), 'the question title');
  const createdAt = toUtcIso(a.CreationDate, f('CreationDate'));
  return stager.add({
    threadKey: parent,
    head: isQuestion,
    externalId: id,
    createdAt,
    line: where.line ?? 0,
    payload: JSON.stringify(payload),
  });
}

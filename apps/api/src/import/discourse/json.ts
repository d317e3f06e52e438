// Reads Discourse topics from one JSON source (a file or a zip entry), in whichever of the
// three shapes dumps come in: JSONL (one topic per line), a JSON array of topics (streamed
// with stream-json so a big array never sits in memory whole), or a single topic document.
import type { Readable } from 'node:stream';
import Parser from 'stream-json/Parser.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import StreamValues from 'stream-json/streamers/StreamValues.js';
import Verifier from 'stream-json/utils/Verifier.js';
import type { ErrorWhere } from '../../http/errors.ts';
import { importErrors } from '../errors.ts';
import type { IdRegistry } from '../ids.ts';
import { readLines } from '../lines.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import { normalizeTopic } from './topic.ts';

export interface JsonSource {
  name: string;
  head: Buffer;
  /** A fresh stream of the whole source; called again to locate a syntax error. */
  open(): Readable;
}

export async function* readTopics(src: JsonSource, ctx: ParseContext, ids: IdRegistry): AsyncGenerator<ParsedItem> {
  const shape = detectShape(src);
  if (shape === 'jsonl') {
    for await (const { text, line } of readLines(src.open(), ctx.limits.maxRecordBytes, src.name)) {
      if (text.trim() === '') continue;
      const where = { file: src.name, line };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield { kind: 'reject', error: importErrors.invalidJson(where, jsonReason(err, text), false) };
        continue;
      }
      yield* normalizeTopic(value, where, ids, ctx.baseUrl, ctx.categories);
    }
    return;
  }
  // Packed values only (no per-chunk string tokens): the streamers need nothing else, and it halves the tokens.
  const parser = new Parser({ jsonStreaming: shape === 'document', streamValues: false });
  const streamer = shape === 'array' ? new StreamArray() : new StreamValues();
  const stream = src.open();
  stream.on('error', (err) => parser.destroy(err));
  const values = stream.pipe(parser).pipe(streamer);
  parser.on('error', (err) => values.destroy(err));
  // One topic is assembled whole in memory: refuse it once it passes maxRecordBytes, as JSONL lines
  // are. Bytes count as the parser reads them, from where the last top-level value ended.
  let sinceLast = 0;
  let depth = 0;
  let ended = 0;
  const top = shape === 'array' ? 1 : 0;
  parser.on('data', ({ name }: { name: string }) => {
    if (name === 'startObject' || name === 'startArray') return void depth++;
    if (name === 'endObject' || name === 'endArray') depth--;
    if (depth === top) {
      sinceLast = 0;
      ended++;
    }
  });
  stream.on('data', (chunk: Buffer) => {
    sinceLast += chunk.length;
    if (sinceLast <= ctx.limits.maxRecordBytes) return;
    const where = shape === 'array' || ended > 0 ? { file: src.name, field: `[${ended}]` } : { file: src.name };
    values.destroy(importErrors.recordTooLarge(where, ctx.limits.maxRecordBytes, 'is one topic really this big?'));
  });
  try {
    for await (const { key, value } of values as AsyncIterable<{ key: number; value: unknown }>) {
      const where: ErrorWhere =
        shape === 'array' || key > 0 ? { file: src.name, field: `[${key}]` } : { file: src.name };
      yield* normalizeTopic(value, where, ids, ctx.baseUrl, ctx.categories);
    }
  } catch (err) {
    if (!(err instanceof Error) || !/cannot parse|has expected/i.test(err.message)) throw err;
    throw importErrors.invalidJson(
      await locateError(src),
      err.message.replace(/^Parser (cannot parse input: |has )/, ''),
      true,
    );
  } finally {
    // Also when the consumer stops early (a strict import failing): close the file now.
    stream.destroy();
    parser.destroy();
  }
}

/** JSONL if the first line is a whole JSON object by itself; otherwise an array or a document. */
function detectShape(src: JsonSource): 'jsonl' | 'array' | 'document' {
  const text = src.head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return 'array';
  if (/\.(jsonl|ndjson)$/i.test(src.name)) return 'jsonl';
  const firstLine = trimmed.split('\n', 1)[0] ?? '';
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null ? 'jsonl' : 'document';
  } catch {
    return 'document';
  }
}

/** A second, cheap pass with stream-json's Verifier, which knows line and column. */
async function locateError(src: JsonSource): Promise<ErrorWhere> {
  const verifier = new Verifier();
  return new Promise((resolve) => {
    const stream = src.open();
    verifier.on('error', (err: Error & { line?: number; pos?: number }) => {
      stream.destroy();
      resolve({ file: src.name, line: err.line, field: err.pos !== undefined ? `column ${err.pos}` : undefined });
    });
    verifier.on('finish', () => resolve({ file: src.name }));
    stream.pipe(verifier);
  });
}

function jsonReason(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(message);
  const brief = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/, '');
  return pos
    ? `${brief} at column ${Number(pos[1]) + 1}`
    : brief || `cannot parse ${JSON.stringify(text.slice(0, 20))}`;
}

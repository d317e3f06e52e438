// Topic files inside a .zip, with zip-bomb guards. Sizes in the central directory are
// checked before anything is inflated (entry count, per-entry and total size, compression
// ratio); yauzl's validateEntrySizes then makes sure an entry never inflates past its
// declared size, so a lying header cannot get around the limits.
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { importErrors, isImportError } from '../errors.ts';
import type { InputFile } from '../input.ts';
import { checkText } from '../input.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import type { JsonSource } from './json.ts';

const SMALL_ENTRY = 1024 * 1024; // read whole: cheaper than inflating twice (peek, then parse)
const RATIO_FLOOR = 1024 * 1024; // small files may compress well without being bombs

export async function* zipSources(input: InputFile, ctx: ParseContext): AsyncGenerator<JsonSource | ParsedItem> {
  const { limits, progress } = ctx;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(input.path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err ? reject(importErrors.invalidZip({ file: input.name }, err.message)) : resolve(z),
    ),
  );
  try {
    if (zip.entryCount > limits.zipMaxEntries) throw importErrors.zipBomb({ file: input.name }, `${zip.entryCount} entries (limit ${limits.zipMaxEntries})`);
    let total = 0;
    let skipped = 0;
    for (let entry = await nextEntry(zip, input.name); entry; entry = await nextEntry(zip, input.name)) {
      const name = `${input.name}:${entry.fileName}`;
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      if (!/\.(json|jsonl|ndjson)$/i.test(entry.fileName)) {
        skipped++;
        continue;
      }
      const size = entry.uncompressedSize;
      total += size;
      if (entry.isEncrypted()) throw importErrors.invalidZip({ file: name }, 'the entry is encrypted');
      if (size > limits.zipMaxEntryBytes) throw importErrors.zipBomb({ file: name }, `the entry inflates to ${size} bytes (limit ${limits.zipMaxEntryBytes})`);
      if (total > limits.zipMaxTotalBytes) throw importErrors.zipBomb({ file: name }, `the entries inflate to over ${limits.zipMaxTotalBytes} bytes`);
      if (size > RATIO_FLOOR && size / Math.max(entry.compressedSize, 1) > limits.zipMaxRatio) {
        throw importErrors.zipBomb({ file: name }, `the entry is compressed ${Math.round(size / Math.max(entry.compressedSize, 1))}:1 (limit ${limits.zipMaxRatio}:1)`);
      }
      const open = () => openEntry(zip, entry, name);
      const head = size <= SMALL_ENTRY ? await readAll(await open()) : await readHead(await open());
      try {
        checkText(head, name);
      } catch (err) {
        // One bad entry is one bad record: lenient mode imports the other topic files.
        if (!isImportError(err)) throw err;
        yield { kind: 'reject', error: err.forRecord() } as ParsedItem;
        continue;
      }
      const stream = size <= SMALL_ENTRY ? () => Readable.from([head]) : () => syncStream(open);
      yield { name, head, open: stream };
      progress.bytesRead += entry.compressedSize;
    }
    if (skipped) yield { kind: 'skip', reason: 'zip entries that are not .json or .jsonl files', count: skipped };
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile, file: string): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => (done(), resolve(e));
    const onEnd = () => (done(), resolve(null));
    const onError = (err: Error) => (done(), reject(importErrors.invalidZip({ file }, err.message)));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(importErrors.invalidZip({ file: name }, err.message)) : resolve(stream))),
  );
}

// JsonSource.open() is synchronous; bridge the callback-based open through a PassThrough-like Readable.
function syncStream(open: () => Promise<Readable>): Readable {
  return Readable.from(
    (async function* () {
      yield* (await open()) as AsyncIterable<Buffer>;
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readHead(stream: Readable, bytes = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    got += chunk.length;
    if (got >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks);
}

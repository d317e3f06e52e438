// Topic files inside a .zip, with zip-bomb guards. Sizes in the central directory are
// checked before anything is inflated (entry count, per-entry and total size, compression
// ratio); yauzl's validateEntrySizes then makes sure an entry never inflates past its
// declared size, so a lying header cannot get around the limits.
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { importErrors, isImportError } from '../errors.ts';
import type { InputFile } from '../input.ts';
import { checkText, textOnly } from '../input.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import type { JsonSource } from './json.ts';

const SMALL_ENTRY = 1024 * 1024; // read whole: cheaper than inflating twice (peek, then parse)
const RATIO_FLOOR = 1024 * 1024; // small files may compress well without being bombs

export async function* zipSources(input: InputFile, ctx: ParseContext): AsyncGenerator<JsonSource | ParsedItem> {
  const { limits, progress } = ctx;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      input.path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, z) => (err ? reject(importErrors.invalidZip({ file: input.name }, err.message)) : resolve(z)),
    ),
  );
  try {
    if (zip.entryCount > limits.zipMaxEntries)
      throw importErrors.zipBomb({ file: input.name }, `${zip.entryCount} entries (limit ${limits.zipMaxEntries})`);
    let total = 0;
    let skipped = 0;
    let topicFiles = 0;
    const others: string[] = [];
    for (let entry = await nextEntry(zip, input.name); entry; entry = await nextEntry(zip, input.name)) {
      const name = `${input.name}:${entry.fileName}`;
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      // The forum's category list rides along; it is read before the topics (zipForumCategories).
      if (isCategoriesEntry(entry.fileName)) continue;
      if (!/\.(json|jsonl|ndjson)$/i.test(entry.fileName)) {
        // Nested archives included: they are never opened, so a bomb inside one stays packed.
        skipped++;
        if (others.length < 3) others.push(entry.fileName);
        continue;
      }
      topicFiles++;
      const size = entry.uncompressedSize;
      total += size;
      if (entry.isEncrypted()) throw importErrors.invalidZip({ file: name }, 'the entry is encrypted');
      if (size > limits.zipMaxEntryBytes)
        throw importErrors.zipBomb(
          { file: name },
          `the entry inflates to ${size} bytes (limit ${limits.zipMaxEntryBytes})`,
        );
      if (total > limits.zipMaxTotalBytes)
        throw importErrors.zipBomb({ file: name }, `the entries inflate to over ${limits.zipMaxTotalBytes} bytes`);
      if (size > RATIO_FLOOR && size / Math.max(entry.compressedSize, 1) > limits.zipMaxRatio) {
        throw importErrors.zipBomb(
          { file: name },
          `the entry is compressed ${Math.round(size / Math.max(entry.compressedSize, 1))}:1 (limit ${limits.zipMaxRatio}:1)`,
        );
      }
      const open = () => entryBytes(zip, entry, name);
      const head = size <= SMALL_ENTRY ? await readAll(open()) : await readHead(open());
      try {
        checkText(head, name, size <= SMALL_ENTRY);
      } catch (err) {
        // One bad entry is one bad record: lenient mode imports the other topic files.
        if (!isImportError(err)) throw err;
        yield { kind: 'reject', error: err.forRecord() } as ParsedItem;
        continue;
      }
      const stream = size <= SMALL_ENTRY ? () => Readable.from([head]) : () => checkedStream(open(), name);
      yield { name, head, open: stream };
      progress.bytesRead += entry.compressedSize;
    }
    if (topicFiles === 0) {
      const held = others.length ? ` (it holds ${others.join(', ')}${skipped > others.length ? ', …' : ''})` : '';
      throw importErrors.empty({ file: input.name }, `the archive has no .json or .jsonl topic files${held}`);
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
    const onEntry = (e: yauzl.Entry) => {
      done();
      resolve(e);
    };
    const onEnd = () => {
      done();
      resolve(null);
    };
    const onError = (err: Error) => {
      done();
      reject(importErrors.invalidZip({ file }, err.message));
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** site.json or categories.json, at any depth: the forum's category list, not a topic. */
const isCategoriesEntry = (fileName: string) => /(^|\/)(site|categories)\.json$/i.test(fileName);

/** The text of the archive's first site.json/categories.json, if it has one within the entry size limit. */
export async function zipForumCategories(
  input: InputFile,
  limits: ParseContext['limits'],
): Promise<{ name: string; text: string } | undefined> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      input.path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, z) => (err ? reject(importErrors.invalidZip({ file: input.name }, err.message)) : resolve(z)),
    ),
  );
  try {
    for (let entry = await nextEntry(zip, input.name); entry; entry = await nextEntry(zip, input.name)) {
      if (!isCategoriesEntry(entry.fileName) || entry.fileName.startsWith('__MACOSX/')) continue;
      const name = `${input.name}:${entry.fileName}`;
      if (entry.uncompressedSize > limits.maxRecordBytes)
        throw importErrors.recordTooLarge({ file: name }, limits.maxRecordBytes, 'is this a category list?');
      const bytes = await readAll(entryBytes(zip, entry, name));
      checkText(bytes, name, true);
      return { name, text: bytes.toString('utf8') };
    }
    return undefined;
  } finally {
    zip.close();
  }
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err ? reject(importErrors.invalidZip({ file: name }, err.message)) : resolve(stream),
    ),
  );
}

/** An entry's inflated bytes; a corrupt deflate stream or a size that lies (yauzl checks) is a damaged archive. */
async function* entryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): AsyncGenerator<Buffer> {
  try {
    yield* (await openEntry(zip, entry, name)) as AsyncIterable<Buffer>;
  } catch (err) {
    throw isImportError(err)
      ? err
      : importErrors.invalidZip({ file: name }, err instanceof Error ? err.message : String(err));
  }
}

/** A large entry, checked as it streams (its head alone was checked before). */
function checkedStream(bytes: AsyncGenerator<Buffer>, name: string): Readable {
  const source = Readable.from(bytes);
  const text = textOnly(name);
  source.on('error', (err) => text.destroy(err));
  return source.pipe(text);
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readHead(stream: AsyncGenerator<Buffer>, bytes = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    got += chunk.length;
    if (got >= bytes) break; // ends the generator, which destroys the entry's stream
  }
  return Buffer.concat(chunks);
}

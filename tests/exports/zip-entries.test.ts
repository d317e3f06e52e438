// A file written in pieces (project.qde) is one valid deflate stream with the right size and CRC:
// checked against the zip's central directory with Node's zlib (a strict inflater), not only fflate.
import { Zip } from 'fflate';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { addFile, addFileInPieces, utf8Encoder } from '../../apps/api/src/exports/zip-entries.ts';

const mtime = new Date('2026-01-02T03:04:05Z');

function zipOf(write: (zip: Zip) => void): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  write(zip);
  zip.end();
  return Buffer.concat(chunks);
}

/** Each entry of the central directory: its name, CRC, sizes, and its data inflated from where its local header says. */
function entries(zip: Buffer) {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  let at = zip.readUInt32LE(end + 16);
  return Array.from({ length: zip.readUInt16LE(end + 10) }, () => {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      crc: zip.readUInt32LE(at + 16),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const start = entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28);
    return { ...entry, data: inflateRawSync(zip.subarray(start, start + entry.compressed)) };
  });
}

describe('zip entries', () => {
  test('a file of many parts, deflated in pieces, is one stream with its size and CRC', () => {
    // About 1.2 MB of text with two- and four-byte characters: five pieces.
    const parts = Array.from(
      { length: 6000 },
      (_, i) => `<Line n="${i}">Ärger mit dem Tokenizer 😀 ${i * 7919}</Line>\n`,
    );
    const whole = Buffer.from(parts.join(''));
    const zip = zipOf((z) => addFileInPieces(z, 'project.qde', parts, mtime, utf8Encoder()));
    const [entry] = entries(zip);
    expect(entry!.name).toBe('project.qde');
    expect(entry!.size).toBe(whole.length);
    expect(entry!.crc).toBe(crc32(whole));
    expect(entry!.data.equals(whole)).toBe(true);
  });

  test('an empty file in pieces, and whole files beside it', () => {
    const utf8 = utf8Encoder();
    const zip = zipOf((z) => {
      addFile(z, 'sources/a.txt', utf8('first\n\nsecond'), mtime);
      addFileInPieces(z, 'empty.qde', [], mtime, utf8);
      addFile(z, 'sources/b.txt', utf8('😀'), mtime);
    });
    expect(entries(zip).map((e) => [e.name, e.size, e.crc === crc32(e.data), e.data.toString()])).toEqual([
      ['sources/a.txt', 13, true, 'first\n\nsecond'],
      ['empty.qde', 0, true, ''],
      ['sources/b.txt', 4, true, '😀'],
    ]);
  });
});

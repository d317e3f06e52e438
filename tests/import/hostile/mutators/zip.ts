// Hostile archives: bombs (by ratio, by declared size, by entry count, nested), entries that
// point outside the archive, and headers that lie. Entries are never written to disk, but a
// path like ../x is refused all the same: the archive is not what it claims to be.
import { zipSync, type Zippable } from 'fflate';
import { utf8, type HostileCase } from '../case.ts';
import { discourseJsonl, discourseZip, topicLine } from '../bases.ts';

const MiB = 1024 * 1024;
const topics = () => utf8(discourseJsonl.text);

/** Offsets of each central directory record ("PK\1\2") and of the end record ("PK\5\6"). */
function records(zip: Uint8Array): { central: number[]; end: number } {
  const buf = Buffer.from(zip);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const central: number[] = [];
  for (
    let at = buf.readUInt32LE(end + 16);
    buf.readUInt32LE(at) === 0x02014b50;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  )
    central.push(at);
  return { central, end };
}

/** A copy of `zip` with `patch` applied to its bytes. */
function patched(zip: Uint8Array, patch: (buf: Buffer, r: ReturnType<typeof records>) => void): Uint8Array {
  const buf = Buffer.from(zip);
  patch(buf, records(buf));
  return buf;
}

export function zipCases(): HostileCase[] {
  const fail = (file: string, code: string, message?: RegExp) => ({
    ok: false as const,
    code: `import.${code}`,
    where: { file },
    ...(message ? { message } : {}),
  });
  const one =
    (entries: Zippable, level: 0 | 9 = 9) =>
    () =>
      zipSync(entries, { level });
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`t/${i}.json`, utf8(topicLine(i + 1))]));
  const bomb = zipSync({ 'bomb.json': new Uint8Array(4 * MiB) }, { level: 9 });
  const cases: Omit<HostileCase, 'category'>[] = [
    // Ratio: megabytes of zeros, and of one valid topic repeated, in a few kilobytes.
    {
      name: 'bomb-zeros.zip',
      format: 'discourse',
      bytes: () => bomb,
      expected: fail('bomb-zeros.zip:bomb.json', 'zip_bomb', /compressed \d+:1/),
    },
    {
      name: 'bomb-topics.zip',
      format: 'discourse',
      bytes: one({ 'topics.jsonl': utf8(`${topicLine(1)}\n`.repeat(40_000)) }),
      expected: fail('bomb-topics.zip:topics.jsonl', 'zip_bomb', /compressed \d+:1/),
    },
    // Declared sizes: over the per-entry limit (256 MiB), and smaller than the real content.
    {
      name: 'bomb-declared.zip',
      format: 'discourse',
      bytes: () => patched(zipSync({ 'a.json': topics() }), (b, r) => b.writeUInt32LE(300 * MiB, r.central[0]! + 24)),
      expected: fail('bomb-declared.zip:a.json', 'zip_bomb', /inflates to 314572800 bytes/),
    },
    {
      name: 'lying-size.zip',
      format: 'discourse',
      bytes: () => patched(zipSync({ 'a.jsonl': topics() }), (b, r) => b.writeUInt32LE(100, r.central[0]! + 24)),
      expected: fail('lying-size.zip:a.jsonl', 'invalid_zip', /too many bytes/),
    },
    // Entry counts: an end record that claims 300,000 entries, and a real archive over a lower limit.
    {
      name: 'bomb-count.zip',
      format: 'discourse',
      bytes: () =>
        patched(discourseZip(), (b, r) => {
          b.writeUInt16LE(65000, r.end + 8);
          b.writeUInt16LE(65000, r.end + 10);
        }),
      expected: fail('bomb-count.zip', 'invalid_zip'),
    },
    {
      name: 'many-entries.zip',
      format: 'discourse',
      limits: { zipMaxEntries: 50 },
      bytes: one(many(60)),
      expected: fail('many-entries.zip', 'zip_bomb', /60 entries \(limit 50\)/),
    },
    {
      name: 'many-bytes.zip',
      format: 'discourse',
      limits: { zipMaxTotalBytes: 5000 },
      bytes: one(many(40)),
      expected: fail('many-bytes.zip:t/23.json', 'zip_bomb', /inflate to over 5000 bytes/),
    },
    // Nested archives are never opened: alone they leave nothing to import; beside topic files they are skipped.
    {
      name: 'nested.zip',
      format: 'discourse',
      bytes: one({ 'inner.zip': bomb }, 0),
      expected: fail('nested.zip', 'empty_file', /inner\.zip/),
    },
    {
      name: 'nested-deep.zip',
      format: 'discourse',
      bytes: one({ 'l1.zip': zipSync({ 'l2.zip': zipSync({ 'l3.zip': bomb }) }) }, 0),
      expected: fail('nested-deep.zip', 'empty_file', /l1\.zip/),
    },
    {
      name: 'nested-beside.zip',
      format: 'discourse',
      bytes: one({ 'inner.zip': bomb, 'topics.jsonl': topics() }, 0),
      expected: { ok: true, threads: 3, posts: 5 },
    },
    // Paths out of the archive.
    ...[
      '../evil.json',
      '../../../../etc/cron.d/x.json',
      'a/../../evil.json',
      '/etc/evil.json',
      '..\\evil.json',
      'C:/evil.json',
      'C:\\Windows\\evil.json',
    ].map((path, i) => ({
      name: `path-${i}.zip`,
      format: 'discourse' as const,
      bytes: one({ [path]: topics() }),
      expected: fail(`path-${i}.zip`, 'invalid_zip', /(invalid relative path|absolute path)/),
    })),
    // Headers that promise what the data cannot give.
    {
      name: 'encrypted.zip',
      format: 'discourse',
      bytes: () =>
        patched(zipSync({ 'a.json': topics() }), (b, r) => {
          b.writeUInt16LE(1, 6);
          b.writeUInt16LE(1, r.central[0]! + 8);
        }),
      expected: fail('encrypted.zip:a.json', 'invalid_zip', /encrypted/),
    },
    {
      name: 'method-lzma.zip',
      format: 'discourse',
      bytes: () =>
        patched(zipSync({ 'a.json': topics() }), (b, r) => {
          b.writeUInt16LE(14, 8);
          b.writeUInt16LE(14, r.central[0]! + 10);
        }),
      expected: fail('method-lzma.zip:a.json', 'invalid_zip', /compression method/),
    },
    {
      name: 'bad-deflate.zip',
      format: 'discourse',
      bytes: () => patched(zipSync({ 'a.json': topics() }), (b) => b.writeUInt8(0xff, 30 + 'a.json'.length)),
      expected: fail('bad-deflate.zip:a.json', 'invalid_zip'),
    },
    // Nothing to import.
    { name: 'empty.zip', format: 'discourse', bytes: one({}), expected: fail('empty.zip', 'empty_file') },
    {
      name: 'only-dirs.zip',
      format: 'discourse',
      bytes: one({ 'a/': new Uint8Array(0), '__MACOSX/._a.json': utf8('junk') }),
      expected: fail('only-dirs.zip', 'empty_file'),
    },
    {
      name: 'empty-entry.zip',
      format: 'discourse',
      bytes: one({ 'a.json': new Uint8Array(0) }),
      expected: fail('empty-entry.zip:a.json', 'empty_file'),
    },
  ];
  // Records inside entries: located by archive:entry and line.
  const lines = discourseJsonl.text.split('\n');
  cases.push(
    {
      name: 'bad-json-entry.zip',
      format: 'discourse',
      bytes: one({ 'a.jsonl': utf8(`${lines[0]}\n${lines[1]!.slice(0, 50)}\n${lines[2]}\n`) }),
      expected: { ok: false, code: 'import.invalid_json', where: { file: 'bad-json-entry.zip:a.jsonl', line: 2 } },
    },
    {
      name: 'dup-entries.zip',
      format: 'discourse',
      bytes: one({ 'a.jsonl': topics(), 'b.jsonl': utf8(`${lines[2]}\n`) }),
      expected: { ok: false, code: 'import.duplicate_id', where: { file: 'dup-entries.zip:b.jsonl', line: 1 } },
    },
  );
  return cases.map((c) => ({ category: 'zip', ...c }));
}

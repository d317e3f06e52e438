// Name-based UUIDs (RFC 9562 section 5.5, version 5), the same as packages/taxonomy's uuidV5,
// made with Node's one-shot SHA-1. A .qdpx export makes one per selection, coding and note (some
// 100,000 for a 10,000-unit study); the uuid package's portable path (its own UTF-8 encoder and a
// Hash object per call) took a fifth of such an export's time.
import { hash } from 'node:crypto';

/** A function from names to their version-5 UUIDs in `namespace`. */
export function guidV5(namespace: string): (name: string) => string {
  let scratch = Buffer.alloc(256);
  scratch.write(namespace.replaceAll('-', ''), 'hex');
  return (name) => {
    const size = 16 + Buffer.byteLength(name);
    if (size > scratch.length) {
      const grown = Buffer.alloc(size * 2);
      scratch.copy(grown, 0, 0, 16);
      scratch = grown;
    }
    scratch.write(name, 16);
    const digest = hash('sha1', scratch.subarray(0, size), 'buffer');
    digest[6] = (digest[6]! & 0x0f) | 0x50;
    digest[8] = (digest[8]! & 0x3f) | 0x80;
    const hex = digest.toString('hex', 0, 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

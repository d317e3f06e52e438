// A model as one BLOB: a length-prefixed JSON header (terms, codes, biases), then the IDF and
// every classifier's weights as raw float32, which is compact and loads without parsing numbers.
import type { SuggestModel } from './model.ts';

const FORMAT = 1;

interface Header {
  format: number;
  examples: number;
  terms: string[];
  classifiers: { codeId: string; positives: number; bias: number }[];
  unsuggestable: SuggestModel['unsuggestable'];
}

export function serializeModel(model: SuggestModel): Buffer {
  const header: Header = {
    format: FORMAT,
    examples: model.examples,
    terms: model.vocabulary.terms,
    classifiers: model.classifiers.map(({ codeId, positives, bias }) => ({ codeId, positives, bias })),
    unsuggestable: model.unsuggestable,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  // The floats start at a multiple of 4 bytes so they can be viewed in place.
  const start = Math.ceil((4 + json.length) / 4) * 4;
  const dims = model.vocabulary.terms.length;
  const out = Buffer.alloc(start + 4 * dims * (1 + model.classifiers.length));
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const floats = new Float32Array(out.buffer, out.byteOffset + start, dims * (1 + model.classifiers.length));
  floats.set(model.vocabulary.idf, 0);
  model.classifiers.forEach((c, i) => {
    floats.set(c.weights, dims * (i + 1));
  });
  return out;
}

export function deserializeModel(blob: Uint8Array): SuggestModel {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
  if (header.format !== FORMAT)
    throw new Error(`A suggestion model in format ${header.format} cannot be read (expected ${FORMAT}).`);
  const start = Math.ceil((4 + length) / 4) * 4;
  const dims = header.terms.length;
  // Copied out, so the model does not depend on the (possibly reused) buffer it came from.
  const floats = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + 4 * dims * (1 + header.classifiers.length)),
  );
  return {
    examples: header.examples,
    vocabulary: { terms: header.terms, idf: floats.subarray(0, dims) },
    classifiers: header.classifiers.map((c, i) => ({ ...c, weights: floats.subarray(dims * (i + 1), dims * (i + 2)) })),
    unsuggestable: header.unsuggestable,
  };
}

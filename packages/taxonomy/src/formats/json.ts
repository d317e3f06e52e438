// The full-fidelity exchange format: the whole model, tagged with a format
// name and version so a future reader can tell what it holds. Written in
// canonical order (tree order, fixed key order) so export -> import -> export
// gives the same text, and diffs of two exports are meaningful.
import { checkCodebook } from '../check.ts';
import { MAX_CODES } from '../limits.ts';
import { fail, issue, ok, type Result } from '../issues.ts';
import type { Codebook } from '../schema.ts';
import { normalize, preorder } from '../tree.ts';
import { checkSize, lineAt } from './input.ts';

export const JSON_FORMAT = 'threadcoder.codebook';
export const JSON_FORMAT_VERSION = 1;

export function toJson(codebook: Codebook): string {
  const { name, description, templateId, version } = codebook;
  const codes = preorder(codebook.codes).map((code) => ({
    id: code.id,
    parentId: code.parentId,
    position: code.position,
    dimension: code.dimension,
    name: code.name,
    definition: code.definition,
    includeNote: code.includeNote,
    excludeNote: code.excludeNote,
    examples: code.examples.map(({ quote, postId }) => (postId === undefined ? { quote } : { quote, postId })),
    color: code.color,
    shortcut: code.shortcut,
    status: code.status,
    codable: code.codable,
  }));
  const file = {
    format: JSON_FORMAT,
    formatVersion: JSON_FORMAT_VERSION,
    codebook: { name, description, templateId, version, codes },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function fromJson(text: string): Result<Codebook> {
  const tooLarge = checkSize(text);
  if (tooLarge) return fail(tooLarge);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(
      issue(
        'codebook_file.invalid_json',
        `The file is not valid JSON: ${(error as Error).message}`,
        syntaxWhere(text, error),
      ),
    );
  }
  const file = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (file.format !== JSON_FORMAT) {
    return fail(
      issue('codebook_file.wrong_format', `This is not a Threadcoder codebook: "format" must be "${JSON_FORMAT}".`, {
        field: 'format',
      }),
    );
  }
  if (file.formatVersion !== JSON_FORMAT_VERSION) {
    return fail(
      issue(
        'codebook_file.unsupported_version',
        `This reader understands formatVersion ${JSON_FORMAT_VERSION}; the file says ${JSON.stringify(file.formatVersion)}.`,
        { field: 'formatVersion' },
      ),
    );
  }
  const codes = (file.codebook as { codes?: unknown } | undefined)?.codes;
  if (Array.isArray(codes) && codes.length > MAX_CODES) {
    return fail(
      issue(
        'codebook_file.too_many_codes',
        `The file holds ${codes.length} codes; a codebook may hold at most ${MAX_CODES}.`,
        { field: 'codebook.codes' },
      ),
    );
  }
  const checked = checkCodebook(file.codebook);
  if (!checked.ok)
    return {
      ok: false,
      errors: checked.errors.map((each) => ({
        ...each,
        where: { ...each.where, field: `codebook${each.where.field ? `.${each.where.field}` : ''}` },
      })),
    };
  return ok({ ...checked.value, codes: normalize(checked.value.codes) });
}

/** Engines word JSON errors differently: V8 gives a position, some a line. */
function syntaxWhere(text: string, error: unknown): { line?: number } {
  const message = (error as Error).message;
  const line = /line (\d+)/.exec(message);
  if (line) return { line: Number(line[1]) };
  const position = /position (\d+)/.exec(message);
  return position ? { line: lineAt(text, Number(position[1])) } : {};
}

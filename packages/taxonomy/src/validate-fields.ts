// Per-code field rules: ids, names, colors and shortcuts. Repeats the zod
// formats on purpose: operations build codebooks in code, never through zod,
// and must be refused with the same clear messages.
import { COLOR_PATTERN, ID_PATTERN, MAX_ID_LENGTH, RESERVED_SHORTCUT_KEYS, SHORTCUT_PATTERN } from './limits.ts';
import { issue, type TaxonomyIssue } from './issues.ts';
import type { Code } from './schema.ts';

// Names are one line in every export (a CSV path, a .qdc attribute, a table cell).
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export function checkCodeFields(codes: readonly Code[]): TaxonomyIssue[] {
  const out: TaxonomyIssue[] = [];
  const ids = new Set<string>();
  const shortcuts = new Map<string, string>();
  codes.forEach((code, index) => {
    const where = (field: string) => ({ codeId: code.id, field: `codes[${index}].${field}` });
    if (!ID_PATTERN.test(code.id) || code.id.length > MAX_ID_LENGTH) {
      out.push(
        issue(
          'codebook.invalid_id',
          `"${code.id}" is not a usable id: start with a letter or digit, use only letters, digits and . _ : - (at most ${MAX_ID_LENGTH}).`,
          where('id'),
        ),
      );
    }
    if (ids.has(code.id)) {
      out.push(issue('codebook.duplicate_id', `The id "${code.id}" is used by more than one code.`, where('id')));
    }
    ids.add(code.id);
    if (code.name.trim() === '') {
      out.push(issue('codebook.missing_name', `Code "${code.id}" has no name.`, where('name')));
    } else if (CONTROL_CHARS.test(code.name)) {
      out.push(
        issue(
          'codebook.invalid_name',
          `The name of code "${code.id}" must be one line without control characters.`,
          where('name'),
        ),
      );
    }
    if (code.color !== null && !COLOR_PATTERN.test(code.color)) {
      out.push(
        issue(
          'codebook.invalid_color',
          `Code "${code.id}" has color "${code.color}"; write colors as #RRGGBB.`,
          where('color'),
        ),
      );
    }
    if (code.shortcut === null) return;
    if (RESERVED_SHORTCUT_KEYS.includes(code.shortcut)) {
      out.push(
        issue(
          'codebook.reserved_shortcut',
          `The key "${code.shortcut}" of code "${code.id}" is kept by the coding screen (${RESERVED_SHORTCUT_KEYS.join(' ')}).`,
          where('shortcut'),
        ),
      );
    } else if (!SHORTCUT_PATTERN.test(code.shortcut)) {
      out.push(
        issue(
          'codebook.invalid_shortcut',
          `The shortcut of code "${code.id}" must be one key, 0-9 or a-z; got "${code.shortcut}".`,
          where('shortcut'),
        ),
      );
    } else if (shortcuts.has(code.shortcut)) {
      out.push(
        issue(
          'codebook.duplicate_shortcut',
          `Codes "${shortcuts.get(code.shortcut)}" and "${code.id}" share the shortcut "${code.shortcut}".`,
          where('shortcut'),
        ),
      );
    } else shortcuts.set(code.shortcut, code.id);
  });
  return out;
}

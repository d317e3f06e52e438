// The column mapping for CSV and JSONL post tables: which column holds which field.
import { importErrors } from '../errors.ts';
import { defaultMapping } from '../limits.ts';
import type { ColumnMapping } from '../types.ts';

const keys = Object.keys(defaultMapping) as (keyof ColumnMapping)[];

/** Fills in defaults and checks names, e.g. from the CLI's --map threadId=topic_id,bodyFormat=html. */
export function resolveMapping(partial: Partial<Record<string, string>> = {}): ColumnMapping {
  const mapping: ColumnMapping = { ...defaultMapping };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (!keys.includes(key as keyof ColumnMapping))
      throw importErrors.invalidMapping(`unknown field "${key}"; use ${keys.join(', ')}`);
    if (key === 'bodyFormat') {
      if (value !== 'text' && value !== 'html') throw importErrors.invalidMapping('bodyFormat must be text or html');
      mapping.bodyFormat = value;
    } else if (value.trim() === '') {
      throw importErrors.invalidMapping(`no column given for ${key}`);
    } else {
      mapping[key as Exclude<keyof ColumnMapping, 'bodyFormat'>] = value.trim();
    }
  }
  return mapping;
}

/** Parses "threadId=topic,postId=id" into a partial mapping. */
export function parseMappingSpec(spec: string): Partial<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',').filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw importErrors.invalidMapping(`"${pair}" is not field=column`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

/** The columns a table must have for every post. */
export const requiredColumns = (m: ColumnMapping): string[] => [m.threadId, m.postId, m.createdAt, m.body];

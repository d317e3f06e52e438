// Keyword groups in bulk, e.g. 150 model families at once, from either
//   a CSV with a header naming `group` and, optionally, `name` and `patterns` (or `terms`,
//   `aliases`): one row per model of a family; the family's terms are every row's name and its
//   patterns (split on | or ;), so "GPT-2, gpt2-medium, gpt2 medium|gpt-2 medium" adds three; or
//   a text list, one group a line: "GPT-2: gpt2, gpt-2, gpt2-medium" ("#" starts a comment).
// Terms match as words/keywords.ts says (whole words, stemmed, any case). Bad input throws
// AppError('analysis.bad_keyword_list') with the line.
import { parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';
import { termPhrases } from './keywords.ts';

export interface KeywordListGroup {
  name: string;
  terms: string[];
}

const MAX_TERMS = 30;
const MAX_LENGTH = 60;

export function parseKeywordList(text: string, file: string): KeywordListGroup[] {
  const bad = (message: string, line?: number, field?: string) =>
    new AppError('analysis.bad_keyword_list', 400, message, { file, line, field });
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const isCsv = /(^|,)\s*"?group"?\s*(,|$)/i.test(firstLine);
  const rows: { line: number; group: string; terms: string[] }[] = [];
  if (isCsv) {
    let records: string[][];
    try {
      records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
    } catch (err) {
      throw bad(`${file} is not a readable CSV: ${(err as Error).message}`);
    }
    const header = records[0]!.map((h) => h.toLowerCase());
    const at = (...names: string[]) => header.findIndex((h) => names.includes(h));
    const [g, n, p] = [at('group'), at('name'), at('patterns', 'terms', 'aliases')];
    records.slice(1).forEach((r, i) => {
      const patterns = (r[p] ?? '').split(/[|;]/);
      rows.push({ line: i + 2, group: r[g] ?? '', terms: [r[n] ?? '', ...(p < 0 ? [] : patterns)] });
    });
  } else {
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const colon = line.indexOf(':');
      if (colon < 0) throw bad(`Write a group as "name: term, term", not "${line}".`, i + 1);
      rows.push({ line: i + 1, group: line.slice(0, colon), terms: line.slice(colon + 1).split(',') });
    });
  }
  const groups = new Map<string, KeywordListGroup & { line: number }>();
  for (const r of rows) {
    const name = r.group.trim();
    if (!name) throw bad('The group name is empty.', r.line, 'group');
    if (name.length > MAX_LENGTH) throw bad(`The group name is longer than ${MAX_LENGTH} characters.`, r.line, 'group');
    const key = name.toLowerCase();
    const group = groups.get(key) ?? { name, terms: [], line: r.line };
    groups.set(key, group);
    for (const t of r.terms.map((x) => x.trim()).filter(Boolean)) {
      if (t.length > MAX_LENGTH || termPhrases(t).length === 0)
        throw bad(`"${t}" is not a term (1 to ${MAX_LENGTH} characters, with a letter or digit).`, r.line, 'patterns');
      if (!group.terms.some((x) => x.toLowerCase() === t.toLowerCase())) group.terms.push(t);
    }
    if (group.terms.length > MAX_TERMS) throw bad(`"${name}" has more than ${MAX_TERMS} terms.`, r.line, 'patterns');
  }
  for (const g of groups.values()) if (g.terms.length === 0) throw bad(`"${g.name}" has no terms.`, g.line, 'patterns');
  if (groups.size === 0) throw bad(`${file} lists no keyword groups.`);
  return [...groups.values()].map(({ name, terms }) => ({ name, terms }));
}

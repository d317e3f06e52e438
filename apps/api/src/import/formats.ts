// The import formats: the one list. The request schema, the CLI's --format choices and the
// database's import_formats table (db/import-formats.ts, filled at start-up) all come from
// it, so a new format is a parser plus a line here, with no migration.
export const importFormats = ['discourse', 'stackexchange', 'csv', 'jsonl'] as const;
export type ImportFormat = (typeof importFormats)[number];

/**
 * Other names the CLI accepts for a format. Perceval's items wrap Discourse topics, which the
 * Discourse reader unwraps, so they are stored as 'discourse' imports.
 */
const formatAliases: Readonly<Record<string, ImportFormat>> = { perceval: 'discourse' };

/** The --format choices, e.g. for a usage line: discourse|perceval|stackexchange|csv|jsonl. */
export const formatChoices = [...importFormats, ...Object.keys(formatAliases)].join('|');

/** A format by its name or alias; undefined when it is neither. */
export function formatNamed(name: string): ImportFormat | undefined {
  return (importFormats as readonly string[]).includes(name) ? (name as ImportFormat) : formatAliases[name];
}

// The model <-> `codes` table mapping (migration 001), kept beside the model so
// the 1:1 correspondence is visible and tested: every column has exactly one
// field. version_id is the storage layer's business and is not part of a Code.
import { z } from 'zod';
import { exampleSchema, type Code } from './schema.ts';

export interface CodeRow {
  id: string;
  parent_id: string | null;
  position: number;
  dimension: string;
  name: string;
  definition: string;
  include_note: string;
  exclude_note: string;
  examples_json: string;
  color: string | null;
  shortcut: string | null;
  status: 'active' | 'deprecated';
  codable: 0 | 1;
}

export function codeToRow(code: Code): CodeRow {
  return {
    id: code.id,
    parent_id: code.parentId,
    position: code.position,
    dimension: code.dimension,
    name: code.name,
    definition: code.definition,
    include_note: code.includeNote,
    exclude_note: code.excludeNote,
    examples_json: JSON.stringify(code.examples),
    color: code.color,
    shortcut: code.shortcut,
    status: code.status,
    codable: code.codable ? 1 : 0,
  };
}

const examplesSchema = z.array(exampleSchema);

/** Rows come from our own database, so a malformed examples_json is a bug and throws. */
export function rowToCode(row: CodeRow): Code {
  return {
    id: row.id,
    parentId: row.parent_id,
    position: row.position,
    dimension: row.dimension,
    name: row.name,
    definition: row.definition,
    includeNote: row.include_note,
    excludeNote: row.exclude_note,
    examples: examplesSchema.parse(JSON.parse(row.examples_json)),
    color: row.color,
    shortcut: row.shortcut,
    status: row.status,
    codable: row.codable === 1,
  };
}

// Turns what a person typed (a CodeDraft) into a full Code placed in the tree.
// Placement uses fractional positions (`before(i)` = i - 0.5) that normalize()
// renumbers, so an insert never has to shift its siblings by hand.
import { nextFreeColor } from '../colors.ts';
import type { Code, CodeDraft } from '../schema.ts';

/** A position that sorts just before the sibling now at `index`. */
export const before = (index: number): number => index - 0.5;
/** A position that sorts after every sibling. */
export const atEnd = Number.MAX_SAFE_INTEGER;

export function codeFromDraft(
  draft: CodeDraft,
  parentId: string | null,
  position: number,
  existing: readonly Code[],
): Code {
  return {
    id: draft.id,
    parentId,
    position,
    dimension: parentId ?? draft.id, // a placeholder: normalize() sets the root's id
    name: draft.name,
    definition: draft.definition ?? '',
    includeNote: draft.includeNote ?? '',
    excludeNote: draft.excludeNote ?? '',
    examples: draft.examples ?? [],
    // A new code gets a color no other code has, unless one was chosen.
    color: draft.color === undefined ? nextFreeColor(existing.map((code) => code.color)) : draft.color,
    shortcut: draft.shortcut ?? null,
    status: 'active',
    // Dimensions are never codable; anything else is, unless said otherwise.
    codable: draft.codable ?? parentId !== null,
  };
}

/** An existing code with the draft's fields laid over it (fields left out stay). */
export function applyDraft(code: Code, draft: Partial<CodeDraft>): Code {
  const out = { ...code };
  if (draft.name !== undefined) out.name = draft.name;
  if (draft.definition !== undefined) out.definition = draft.definition;
  if (draft.includeNote !== undefined) out.includeNote = draft.includeNote;
  if (draft.excludeNote !== undefined) out.excludeNote = draft.excludeNote;
  if (draft.examples !== undefined) out.examples = draft.examples;
  if (draft.color !== undefined) out.color = draft.color;
  if (draft.shortcut !== undefined) out.shortcut = draft.shortcut;
  if (draft.codable !== undefined) out.codable = draft.codable;
  return out;
}

// Limits shared by validation, the zod schemas and the importers. They are
// part of the contract with the API (413 / 400 answers), so they live in one place.

/** A codebook file larger than this is refused before it is parsed (UTF-8 bytes). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** No real codebook comes near this; the cap keeps diff, UI lists and imports bounded. */
export const MAX_CODES = 5000;

/** Levels below a dimension: deep enough for any codebook, shallow enough that
 * recursive walks (and the XML parser's nesting guard) stay safe. */
export const MAX_DEPTH = 50;

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_EXAMPLES = 100;
export const MAX_ID_LENGTH = 100;

/** Keys the coding screen keeps for itself (next, previous, unsure, memo, quote, help). */
export const RESERVED_SHORTCUT_KEYS: readonly string[] = ['j', 'k', 'u', 'm', 'q', '?'];

/** The order in which templates hand out shortcuts: 1-9, then a-z without the reserved keys. */
export const SHORTCUT_KEYS: readonly string[] = [...'123456789abcdefghijklmnopqrstuvwxyz'].filter(
  (key) => !RESERVED_SHORTCUT_KEYS.includes(key),
);

// Ids travel in URLs, CSV cells and REFI-QDA descriptions: keep them to one safe token.
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const COLOR_PATTERN = /^#[0-9A-Fa-f]{6}$/;
export const SHORTCUT_PATTERN = /^[0-9a-z]$/;

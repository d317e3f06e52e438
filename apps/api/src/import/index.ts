// The import module's public API, for routes, the CLI and tests. Everything else in
// import/ is an implementation detail that may change.
export type {
  ColumnMapping,
  Counts,
  ImportFormat,
  ImportLimits,
  ImportMode,
  ImportProgress,
  ImportReport,
  LocatedThread,
  NormalizedPost,
  NormalizedThread,
  ParsedItem,
  Rejection,
} from './types.ts';
export { formatChoices, formatNamed, importFormats } from './formats.ts';
export { ImportError, importErrors } from './errors.ts';
export { defaultLimits, defaultMapping } from './limits.ts';
export { runImportFile, type ImportOptions } from './run.ts';
export {
  createImport,
  executeImport,
  recoverInterruptedImports,
  startImport,
  errorBody,
  type StartImportOptions,
} from './jobs.ts';
export {
  failInterruptedImports,
  getImport,
  listImports,
  type ImportErrorBody,
  type ImportRecord,
  type ImportStatus,
} from './import-rows.ts';
export { createSanitizer, SANITIZER_VERSION, type SanitizedPost } from './sanitize.ts';
export { toUtcIso } from './dates.ts';
export { detectFormat } from './detect.ts';
export { parseMappingSpec, resolveMapping } from './table/mapping.ts';
export { importRequestSchema, type ImportRequest } from './schema.ts';

// The import module's public API, for routes, the CLI and tests. Everything else in
// import/ is an implementation detail that may change.
export type {
  Counts,
  ImportFormat,
  ImportReport,
  Rejection,
} from './types.ts';
export { importFormats } from './formats.ts';
export { runImportFile } from './run.ts';
export {
  createImport,
  executeImport,
  recoverInterruptedImports,
  startImport,
} from './jobs.ts';
export {
  failInterruptedImports,
  getImport,
  listImports,
  type ImportRecord,
  type ImportStatus,
} from './import-rows.ts';
export { importRequestSchema } from './schema.ts';

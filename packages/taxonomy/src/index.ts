// @threadcoder/taxonomy: the codebook model, its rules, its versions and its
// file formats. Pure functions only (no I/O, no clock): the API and the web
// app both run them.
export * from './limits.ts';
export * from './issues.ts';
export * from './schema.ts';
export { checkCodebook, validCodebookSchema, zodIssues } from './check.ts';
export { validateCodebook } from './validate.ts';
export { checkLabels } from './labels.ts';
export { ancestorIds, childrenByParent, indexById, namePath, normalize, preorder, subtreeIds } from './tree.ts';
export { defaultColor, freeColors, nextFreeColor, seriesColor } from './colors.ts';
export { codeToRow, rowToCode, type CodeRow } from './rows.ts';

export type { Change, ChangeKind, Edit } from './ops/commit.ts';
export { addCode, deprecateCode, restoreCode, updateCode } from './ops/code-edits.ts';
export { moveCode } from './ops/move.ts';
export { mergeCodes } from './ops/merge.ts';
export { splitCode } from './ops/split.ts';
export { migrateLabels, type LabelReview, type MigratedLabels } from './migrate.ts';
export { diffCodebooks, isEmptyDiff, type CodebookDiff, type ComparedField, type FieldChange } from './diff.ts';

export {
  DEFAULT_TEMPLATE_ID,
  templateFileSchema,
  templateSchema,
  templateToCodebook,
  type Template,
} from './templates.ts';
export { reportedCounts, reportedTotals, type ReportedCount } from './reported-counts.ts';

export { JSON_FORMAT, JSON_FORMAT_VERSION, fromJson, toJson } from './formats/json.ts';
export { CODE_ID_NAMESPACE, codeGuid, normalizeGuid, uuidV5 } from './uuid.ts';
export {
  CSV_COLUMNS,
  csvField,
  markdownCell,
  spreadsheetSafe,
  toCsv,
  toMarkdown,
  type ExportOptions,
} from './formats/tables.ts';
export { QDC_NAMESPACE, toQdc, type QdcOptions } from './formats/qdc-write.ts';
export { fromQdc, type QdcReadOptions } from './formats/qdc-read.ts';
export { decodeDescription, encodeDescription, type DescribedFields } from './formats/qdc-description.ts';
export { escapeAttribute, escapeText } from './formats/xml-text.ts';

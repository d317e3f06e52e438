// What a published study reported per category (a template's `reportedCount`), so a
// replication can set its own counts beside them.
import type { Template } from './templates.ts';

export interface ReportedCount {
  codeId: string;
  dimension: string;
  name: string;
  count: number;
}

/** The codes of a template that carry a reported count, in template order. */
export function reportedCounts(template: Template): ReportedCount[] {
  return template.codes.flatMap((code) =>
    code.reportedCount === undefined
      ? []
      : [{ codeId: code.id, dimension: code.dimension, name: code.name, count: code.reportedCount }],
  );
}

/** The reported instances per dimension, e.g. { challenge: 737, benefit: 514 }. */
export function reportedTotals(template: Template): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const each of reportedCounts(template)) totals[each.dimension] = (totals[each.dimension] ?? 0) + each.count;
  return totals;
}

// Carries one coder's labels from an old codebook version to a newer one
// through the merge/split mappings recorded in between, in order.
// A merge is followed automatically (A or B becomes C). A split is never
// guessed: the old label leaves the set and is listed for review with the
// parts to choose from; later mappings update those choices too, and a
// review whose choices collapse to one code (say, the parts were merged
// back) resolves itself.
import type { Mapping } from './schema.ts';

export interface LabelReview {
  /** The label as the coder applied it. */
  label: string;
  /** Codes of the newest version the coder must choose between. */
  choices: string[];
}

export interface MigratedLabels {
  labels: string[];
  needsReview: boolean;
  review: LabelReview[];
}

export function migrateLabels(labels: readonly string[], mappings: readonly Mapping[]): MigratedLabels {
  let current = unique(labels);
  let review: LabelReview[] = [];
  for (const mapping of mappings) {
    const step = (id: string): string[] => (mapping.from.includes(id) ? mapping.to : [id]);
    review = review.map((item) => ({ ...item, choices: unique(item.choices.flatMap(step)) }));
    if (mapping.kind === 'merge') {
      current = unique(current.flatMap(step));
    } else {
      for (const label of current.filter((id) => mapping.from.includes(id))) {
        review.push({ label, choices: [...mapping.to] });
      }
      current = current.filter((id) => !mapping.from.includes(id));
    }
    // A choice of one is no choice: apply it.
    for (const item of review.filter((each) => each.choices.length === 1))
      current = unique([...current, ...item.choices]);
    review = review.filter((item) => item.choices.length > 1);
  }
  return { labels: current, needsReview: review.length > 0, review };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

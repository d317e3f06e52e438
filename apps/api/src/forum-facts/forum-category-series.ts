// Topics (by creation month) or posts (by their month) per forum category, stored as a series set
// for comparing with outside series. Facts about the forum, not labels, so nothing of a blind
// study's coding leaves it. Months without any within the forum's months are 0; storing again replaces.
import type { Db } from '../db/open.ts';
import { insertSeriesSet } from '../db/series.ts';
import { AppError } from '../http/errors.ts';
import { monthsBetween } from '../series/months.ts';
import { forumDescriptives } from './forum-descriptives.ts';

export const FORUM_CATEGORY_COUNTS = ['topics', 'posts'] as const;
export type ForumCategoryCount = (typeof FORUM_CATEGORY_COUNTS)[number];

export function storeForumCategorySeries(
  db: Db,
  studyId: number,
  count: ForumCategoryCount,
  userId: number | null,
): number {
  const rows = forumDescriptives(db, studyId).perCategoryMonth.filter((r) => r[count] > 0);
  if (rows.length === 0) throw new AppError('analysis.no_forum', 409, 'The study has no threads from a forum yet.');
  const sorted = rows.map((r) => r.month).sort();
  const months = monthsBetween(sorted[0]!, sorted.at(-1)!);
  const byCategory = new Map<string, Map<string, number>>();
  for (const r of rows) byCategory.set(r.category, (byCategory.get(r.category) ?? new Map()).set(r.month, r[count]));
  const study = db.prepare('SELECT name FROM studies WHERE id = ?').pluck().get(studyId) as string;
  const counted = count === 'topics' ? 'topics by creation month' : 'posts by post month';
  return insertSeriesSet(
    db,
    {
      name: `${study} (#${studyId}): ${counted} per forum category`,
      source: `forum sources of study #${studyId}`,
      unit: count,
      frequency: 'month',
      layout: 'derived',
      fileName: null,
      report: { counted },
      series: [...byCategory].map(([key, byMonth]) => ({
        key,
        points: months.map((m) => ({ date: `${m}-01`, value: byMonth.get(m) ?? 0 })),
      })),
    },
    userId,
    true,
  );
}

// Monthly series from the collected Hub models, stored as series sets (layout 'derived') that the
// comparison reads like any imported file: models created per model type, base model, pipeline
// tag or library (one series per value, the `top` values with most models; a month without a
// new model of that value is 0 within the months collected), and the card share (the study's
// "documentation evolution": models created, those with a model card, their share; months come
// from createdAt in UTC). Deriving again replaces the set of the same name.
import type { Db } from '../db/open.ts';
import { insertSeriesSet } from '../db/series.ts';
import { monthsBetween } from '../series/months.ts';
import type { ParsedSeries } from '../series/parse-csv.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export const HUB_DIMENSIONS = ['model_type', 'base_model', 'pipeline_tag', 'library', 'card_share'] as const;
export type HubDimension = (typeof HUB_DIMENSIONS)[number];

const LABELS: Record<HubDimension, string> = {
  model_type: 'Hub: models created per model type',
  base_model: 'Hub: models created per base model',
  pipeline_tag: 'Hub: models created per pipeline tag',
  library: 'Hub: models created per library',
  card_share: 'Hub: model card share',
};

// The value each model counts under, per dimension (a model with two base models counts under both).
const VALUE_SQL: Record<Exclude<HubDimension, 'card_share'>, string> = {
  model_type:
    'SELECT model_type AS key, substr(created_at, 1, 7) AS month FROM hub_models WHERE model_type IS NOT NULL',
  base_model:
    'SELECT b.value AS key, substr(m.created_at, 1, 7) AS month FROM hub_models m, json_each(m.base_models_json) b',
  pipeline_tag:
    'SELECT pipeline_tag AS key, substr(created_at, 1, 7) AS month FROM hub_models WHERE pipeline_tag IS NOT NULL',
  library:
    'SELECT library_name AS key, substr(created_at, 1, 7) AS month FROM hub_models WHERE library_name IS NOT NULL',
};

/** Every month from the first to the last one a model was created in, as YYYY-MM. */
function monthRange(db: Db): string[] {
  const r = db
    .prepare('SELECT min(substr(created_at, 1, 7)) AS first, max(substr(created_at, 1, 7)) AS last FROM hub_models')
    .get() as { first: string | null; last: string | null };
  return monthsBetween(r.first, r.last);
}

function countsPerValue(db: Db, dimension: Exclude<HubDimension, 'card_share'>, top: number) {
  const rows = db
    .prepare(
      `WITH v AS (${VALUE_SQL[dimension]}), ranked AS (
         SELECT key, count(*) AS n FROM v WHERE month IS NOT NULL GROUP BY key ORDER BY n DESC, key LIMIT ?)
       SELECT v.key, v.month, count(*) AS n FROM v JOIN ranked USING (key) WHERE v.month IS NOT NULL
       GROUP BY v.key, v.month ORDER BY v.key, v.month`,
    )
    .all(top) as { key: string; month: string; n: number }[];
  const values = db.prepare(`SELECT count(DISTINCT key) FROM (${VALUE_SQL[dimension]})`).pluck().get() as number;
  const months = monthRange(db);
  const byKey = new Map<string, Map<string, number>>();
  for (const r of rows) byKey.set(r.key, (byKey.get(r.key) ?? new Map()).set(r.month, r.n));
  const series: ParsedSeries[] = [...byKey].map(([key, counts]) => ({
    key,
    points: months.map((m) => ({ date: `${m}-01`, value: counts.get(m) ?? 0 })),
  }));
  return { series, report: { dimension, top, values, valuesLeftOut: Math.max(0, values - series.length) } };
}

function cardShare(db: Db) {
  const rows = db
    .prepare(
      `SELECT substr(created_at, 1, 7) AS month, count(*) AS n, sum(has_card) AS withCard, sum(has_card_data) AS withData
       FROM hub_models WHERE created_at IS NOT NULL AND has_card IS NOT NULL GROUP BY month ORDER BY month`,
    )
    .all() as { month: string; n: number; withCard: number; withData: number }[];
  const series = (key: string, value: (r: (typeof rows)[number]) => number): ParsedSeries => ({
    key,
    points: rows.map((r) => ({ date: `${r.month}-01`, value: value(r) })),
  });
  return {
    series: [
      series('models created', (r) => r.n),
      series('models with a card', (r) => r.withCard),
      series('share with a card', (r) => r.withCard / r.n),
      series('models with card metadata', (r) => r.withData),
    ],
    report: { dimension: 'card_share', card: 'README.md among the files the listing names' },
  };
}

/** Derives one dimension's series set from the models collected so far; returns its id. */
export function deriveHubSeries(db: Db, dimension: HubDimension, top = 100, userId: number | null = null): number {
  return writeTransaction(db, () => {
    const { series, report } = dimension === 'card_share' ? cardShare(db) : countsPerValue(db, dimension, top);
    const sources = db
      .prepare('SELECT DISTINCT hub_url FROM hub_collections ORDER BY hub_url')
      .pluck()
      .all() as string[];
    return insertSeriesSet(
      db,
      {
        name: LABELS[dimension],
        source: sources.join(', ') || 'Hugging Face Hub',
        unit: dimension === 'card_share' ? 'models (and share)' : 'models created',
        frequency: 'month',
        layout: 'derived',
        fileName: null,
        report: { ...report, models: db.prepare('SELECT count(*) FROM hub_models').pluck().get() as number },
        series,
      },
      userId,
      true,
    );
  });
}

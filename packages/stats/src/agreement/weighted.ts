// Every agreement statistic is written in two steps: prepare(table) does the per-unit work
// once, and the returned function turns unit weights into the statistic. The plain statistic
// uses the table's own weights; the bootstrap calls the same function with resampled weights,
// so a resample costs one pass over (compressed) rows, never a pass over the raw codings.
import type { ReliabilityTable } from '../data/table.ts';
import type { Stat } from '../result.ts';

/** A statistic ready to be evaluated for any weighting of the table's rows. */
export type WeightedStat = (weights: Float64Array) => Stat;

/** prepare(table) -> weighted statistic. */
export type PrepareStat = (table: ReliabilityTable) => WeightedStat;

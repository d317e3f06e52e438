// @threadcoder/stats: agreement and trend statistics. Pure functions, no I/O, no dependencies.
export * from './result.ts';

export * from './data/coding.ts';
export * from './data/table.ts';
export * from './data/compress.ts';
export * from './data/row-counts.ts';

export * from './input/problem.ts';
export * from './input/coding-records.ts';
export * from './input/csv-codings.ts';

export * from './agreement/weighted.ts';
export * from './agreement/percent-agreement.ts';
export * from './agreement/coder-pairs.ts';
export * from './agreement/cohen-kappa.ts';
export * from './agreement/pair-agreement.ts';
export * from './agreement/mean-pairwise-cohen-kappa.ts';
export * from './agreement/fleiss-kappa.ts';
export * from './agreement/multi-rater.ts';
export * from './agreement/scott-pi.ts';
export * from './agreement/gwet-ac1.ts';
export * from './agreement/set-distances.ts';
export * from './agreement/alpha-distance.ts';
export * from './agreement/krippendorff-alpha.ts';
export * from './agreement/coincidence-matrix.ts';
export * from './agreement/confusion-matrix.ts';
export * from './agreement/per-code.ts';
export * from './agreement/bootstrap.ts';

export * from './random/prng.ts';
export * from './random/mulberry32.ts';
export * from './math/gamma.ts';
export * from './math/beta.ts';
export * from './math/distributions.ts';
export * from './math/ranks.ts';
export * from './math/quantile.ts';

export * from './trend/chi-square.ts';
export * from './trend/mann-kendall.ts';
export * from './trend/spearman.ts';
export * from './trend/kendall.ts';
export * from './trend/holm.ts';

export * from './report.ts';
export * from './statistic-labels.ts';
export * from './trend/goodness-of-fit.ts';
export * from './series/compare-series.ts';

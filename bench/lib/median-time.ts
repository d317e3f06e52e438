/** Milliseconds of `fn` as the median of 5 timed runs, after one warm-up run; GC'd before each when --expose-gc. */
export function medianTime(fn: () => unknown): number {
  fn();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    globalThis.gc?.();
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

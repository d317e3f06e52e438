/**
 * A count of threads as the API gives it: exact, or (`atLeast`) the cap it stopped counting at,
 * shown as "10,000+ threads" rather than a number it could not afford to count.
 */
export function threadCount(n: number, atLeast = false): string {
  return `${n.toLocaleString()}${atLeast ? '+' : ''} ${n === 1 && !atLeast ? 'thread' : 'threads'}`;
}

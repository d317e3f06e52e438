// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns milliseconds to
// wait from `now`, or undefined when the header is absent or unreadable.
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month ("Mon, 01 Jan 2024 …"); Date.parse alone would read "-5" as a year.
  const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

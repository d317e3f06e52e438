/**
 * The URL when it is an absolute http(s) one, else undefined. Links built from stored data
 * (a thread's URL comes from its source's base URL) must never carry javascript: or data:.
 */
export function httpUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

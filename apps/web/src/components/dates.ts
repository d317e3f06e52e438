// One rule for dates on screen: ISO 8601 in tables, lists and post headers (2024-03-05, 2024-03-05 14:07:09:
// the same in every locale, and sorted as read), the reader's own locale in running prose. Times are local.

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-03-05`: the local calendar day of an ISO timestamp. */
export function isoDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2024-03-05 14:07`, or with `seconds` `2024-03-05 14:07:09`: a local moment for a table cell. */
export function isoDateTime(iso: string, { seconds = false } = {}): string {
  const d = new Date(iso);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${isoDate(iso)} ${time}`;
}

/** A moment in a sentence, in the reader's locale (e.g. "5 Mar 2024, 14:07"). */
export function proseDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

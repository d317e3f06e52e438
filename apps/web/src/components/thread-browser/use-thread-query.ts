import { useSearchParams } from 'react-router';
import type { ThreadQuery } from '../../api/threads.ts';

const keys = [
  'q',
  'source',
  'category',
  'tag',
  'from',
  'to',
  'coded',
  'solved',
  'minScore',
  'sort',
  'inStudy',
] as const;
export type ThreadQueryKey = (typeof keys)[number];

/** The browser's filters live in the URL (?q=…&source=…), so a search can be shared and Back restores it. */
export function useThreadQuery(): [ThreadQuery, (patch: Partial<Record<ThreadQueryKey, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const query: Record<string, string> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  const update = (patch: Partial<Record<ThreadQueryKey, string>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return [query as ThreadQuery, update];
}

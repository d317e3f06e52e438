import { useEffect, useRef } from 'react';

/** Where typing is text entry, j and k are letters, not navigation. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * j / k select the next / previous unit of the queue and move focus to it. At the last loaded
 * unit, j asks for the next page (`loadMore`, null when there is none) and moves on once it is here.
 */
export function useQueueKeys(
  items: readonly { unitId: number }[],
  selected: number | null,
  select: (unitId: number) => void,
  loadMore: (() => void) | null,
) {
  // A j pressed at the end of the loaded units, waiting for the next page.
  const waiting = useRef<number | null>(null);
  useEffect(() => {
    const after = waiting.current;
    if (after === null || items.length <= after + 1) return;
    waiting.current = null;
    select(items[after + 1]!.unitId);
  }, [items, select]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.key !== 'j' && e.key !== 'k') ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        isTyping(e.target) ||
        items.length === 0
      )
        return;
      e.preventDefault();
      const at = items.findIndex((i) => i.unitId === selected);
      if (e.key === 'j' && at === items.length - 1 && loadMore) {
        waiting.current = at;
        loadMore();
        return;
      }
      const next = at === -1 ? 0 : Math.min(items.length - 1, Math.max(0, at + (e.key === 'j' ? 1 : -1)));
      const unitId = items[next]!.unitId;
      select(unitId);
      document.getElementById(`adj-unit-${unitId}`)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selected, select, loadMore]);
}

import { observeElementRect, type Rect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { QueueItem } from '../../api/adjudication.ts';

export const unitTitle = (item: Pick<QueueItem, 'position' | 'threadTitle' | 'postNumber'>) =>
  `#${item.position} ${item.threadTitle}${item.postNumber !== null ? `, post ${item.postNumber}` : ''}`;

const ROW_HEIGHT = 58;
// Where the list has no layout (jsdom in tests) render as if it were this big.
const NO_LAYOUT: Rect = { width: 300, height: 600 };
const observeRect = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));
// Ask for the next page while this many loaded units are still below the view.
const AHEAD = 20;

/**
 * The units in adjudication loaded so far; the selected one is marked as current. A virtual
 * list (only the rows in view are in the DOM) that asks for the next page as its end nears.
 */
export function QueueList({
  items,
  selected,
  onSelect,
  hasMore,
  loadMore,
}: {
  items: QueueItem[];
  selected: number | null;
  onSelect: (unitId: number) => void;
  hasMore: boolean;
  loadMore: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: NO_LAYOUT,
    observeElementRect: observeRect,
    // Rows are as tall as their title wraps; without layout, the estimate.
    measureElement: (el) => el.getBoundingClientRect().height || ROW_HEIGHT,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= items.length - AHEAD) loadMore();
  }, [hasMore, lastShown, items.length, loadMore]);
  const currentIndex = items.findIndex((i) => i.unitId === selected);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);
  if (items.length === 0) return <p className="hint">No units in adjudication match these filters.</p>;
  return (
    <div className="adj-queue" ref={scroller}>
      <ul aria-label="Units in adjudication" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map(({ index, start }) => {
          const item = items[index]!;
          return (
            <li
              key={item.unitId}
              data-index={index}
              // The queue's length, once every page is here (-1: not known yet).
              aria-setsize={hasMore ? -1 : items.length}
              aria-posinset={index + 1}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${start}px)` }}
            >
              <button
                type="button"
                id={`adj-unit-${item.unitId}`}
                className={item.unitId === selected ? 'adj-queue-item is-current' : 'adj-queue-item'}
                aria-current={item.unitId === selected ? 'true' : undefined}
                onClick={() => onSelect(item.unitId)}
              >
                <span className="adj-queue-title">{unitTitle(item)}</span>
                <span className={`adj-status adj-status-${item.status}`}>{item.status}</span>
                <span className="hint">
                  {item.roundName} · {item.codings.map((c) => c.displayName).join(', ')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

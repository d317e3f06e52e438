import { observeElementRect, type Rect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { MyUnit } from '../../api/coding.ts';

const ROW_HEIGHT = 30;
// Where the list has no layout (jsdom in tests) render as if it were this big.
const NO_LAYOUT: Rect = { width: 300, height: 600 };
const observeRect = (instance: Virtualizer<HTMLElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));

/**
 * The coder's units in the round, with their own coded/unsure marks; a click jumps to one.
 * A virtual list: only the rows in view are in the DOM, so 10,000 units cost what 30 do.
 */
export function UnitList({
  units,
  currentId,
  href,
}: {
  units: readonly MyUnit[];
  currentId: number | null;
  href: (unitId: number) => string;
}) {
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: units.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: NO_LAYOUT,
    observeElementRect: observeRect,
  });
  const currentIndex = units.findIndex((u) => u.unitId === currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);
  return (
    <nav aria-label="Your units" className="unit-list" ref={scroller}>
      <ol style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map(({ index: i, start }) => {
          const u = units[i]!;
          const here = u.unitId === currentId;
          return (
            <li
              key={u.unitId}
              aria-setsize={units.length}
              aria-posinset={i + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${start}px)`,
              }}
            >
              <Link
                to={href(u.unitId)}
                aria-current={here ? 'page' : undefined}
                className={here ? 'current' : undefined}
              >
                <span className="unit-no">{i + 1}</span>{' '}
                <span className="unit-title">
                  {u.title}
                  {u.postNumber !== null ? (
                    <>
                      {' '}
                      <span className="hint">#{u.postNumber}</span>
                    </>
                  ) : null}
                </span>{' '}
                <span className="unit-marks">
                  {u.unsure ? (
                    <span className="mark unsure" aria-hidden="true" title="Unsure">
                      ?
                    </span>
                  ) : null}
                  {u.coded ? (
                    <span className="mark coded" aria-hidden="true" title="Coded">
                      ✓
                    </span>
                  ) : null}
                  <span className="visually-hidden">
                    {[u.unsure && 'unsure', u.coded && 'coded'].filter(Boolean).join(', ')}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

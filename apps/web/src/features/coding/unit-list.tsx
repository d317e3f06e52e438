import { useQueries } from '@tanstack/react-query';
import { observeElementRect, type Rect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { MyUnit, myUnitsPageQuery } from '../../api/coding.ts';

const ROW_HEIGHT = 30;
// Where the list has no layout (jsdom in tests) render as if it were this big.
const NO_LAYOUT: Rect = { width: 300, height: 600 };
const observeRect = (instance: Virtualizer<HTMLElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));

/**
 * The coder's units in the round, with their own coded/unsure marks; a click jumps to one.
 * A virtual list: only the rows in view are in the DOM, so 10,000 units cost what 30 do. Rows
 * whose page has not arrived yet show as loading; `pagesFor` names the pages the rows in view need
 * (a list that is all here has none), which the list loads and follows itself.
 */
export function UnitList({
  total,
  unitAt,
  currentIndex,
  href,
  pagesFor,
}: {
  total: number;
  unitAt: (index: number) => MyUnit | undefined;
  currentIndex: number;
  href: (unitId: number) => string;
  pagesFor?: (first: number, last: number) => ReturnType<typeof myUnitsPageQuery>[];
}) {
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: NO_LAYOUT,
    observeElementRect: observeRect,
  });
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);
  const rows = virtualizer.getVirtualItems();
  // Subscribed, so the rows render again when their page arrives or a unit is marked coded.
  useQueries({ queries: pagesFor ? pagesFor(rows[0]?.index ?? 0, rows.at(-1)?.index ?? 0) : [] });
  return (
    <nav aria-label="Your units" className="unit-list" ref={scroller}>
      <ol style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map(({ index: i, start }) => {
          const u = unitAt(i);
          const here = i === currentIndex;
          return (
            <li
              key={i}
              aria-setsize={total}
              aria-posinset={i + 1}
              aria-busy={u ? undefined : true}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${start}px)`,
              }}
            >
              {u ? (
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
              ) : (
                <span className="hint">
                  <span className="unit-no">{i + 1}</span> …
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

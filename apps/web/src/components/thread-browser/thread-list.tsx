import { useInfiniteQuery } from '@tanstack/react-query';
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { threadsQuery, type ThreadQuery, type ThreadRow } from '../../api/threads.ts';
import { ErrorMessage } from '../error-message.tsx';
import { isoDate } from '../dates.ts';
import { threadCount } from './thread-count.ts';

const ROW_HEIGHT = 58;
// Start loading the next page this many rows before the end comes into view.
const PREFETCH_ROWS = 30;
// Where the scroller has no layout (a hidden tab, jsdom in tests) render as if it were this big.
const NO_LAYOUT: Rect = { width: 900, height: 600 };
const observeRect = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));

export interface Pick {
  picked: ReadonlySet<number>;
  toggle: (id: number) => void;
}

/**
 * Threads matching the query in a virtual list: only the rows in view are in the DOM and
 * pages of 100 load as the end nears, so 100k threads scroll like 100.
 */
export function ThreadList({ query, pick, studyId }: { query: ThreadQuery; pick?: Pick; studyId?: number }) {
  const client = useClient();
  const full = studyId === undefined ? query : { ...query, study: String(studyId) };
  const threads = useInfiniteQuery(threadsQuery(client, full));
  const rows = threads.data?.pages.flatMap((p) => p.threads) ?? [];
  const first = threads.data?.pages[0];
  const total = first?.total ?? 0;
  // Past the API's count cap the list's size is unknown (ARIA: -1); its pages still load.
  const setSize = first?.totalIsAtLeast ? -1 : total;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (threads.hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: NO_LAYOUT,
    observeElementRect: observeRect,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = threads;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastShown, rows.length]);
  const key = JSON.stringify(full);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the trigger: a new query scrolls back to the top
  useEffect(() => virtualizer.scrollToOffset(0), [key, virtualizer]);

  if (threads.isError) return <ErrorMessage error={threads.error} />;
  return (
    <div className="thread-list">
      <p role="status" className="hint">
        {threads.isPending ? 'Loading…' : threadCount(total, first?.totalIsAtLeast)}
      </p>
      <div ref={scroller} className="thread-scroller">
        {/* biome-ignore lint/a11y/useSemanticElements: a virtualized list of absolutely placed rows; ARIA list roles keep its size and positions announced */}
        <div
          role="list"
          aria-label="Threads"
          aria-busy={threads.isFetching}
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            return (
              // biome-ignore lint/a11y/useSemanticElements: rows of the virtualized list above
              <div
                key={row ? row.id : 'more'}
                role="listitem"
                aria-setsize={setSize}
                aria-posinset={item.index + 1}
                className="thread-row"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row ? <Row row={row} pick={pick} /> : <span className="hint">Loading more…</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Row({ row, pick }: { row: ThreadRow; pick?: Pick }) {
  return (
    <>
      {pick ? (
        <input
          type="checkbox"
          aria-label={`Pick ${row.title}`}
          checked={pick.picked.has(row.id)}
          onChange={() => pick.toggle(row.id)}
        />
      ) : null}
      <div className="thread-row-text">
        <Link to={`/threads/${row.id}`} className="thread-title">
          {row.title}
        </Link>
        <span className="thread-meta">
          {row.sourceName}
          {row.category ? ` · ${row.category}` : ''}
          {row.tags.length ? ` · ${row.tags.join(', ')}` : ''} · {isoDate(row.createdAt)} · {row.posts}{' '}
          {row.posts === 1 ? 'post' : 'posts'}
          {row.score !== null ? ` · score ${row.score}` : ''}
          {row.solved ? <span className="badge badge-accepted">Solved</span> : null}
          {row.coded ? <span className="badge">coded</span> : null}
          {row.selected ? <span className="badge badge-selected">in study</span> : null}
        </span>
      </div>
    </>
  );
}

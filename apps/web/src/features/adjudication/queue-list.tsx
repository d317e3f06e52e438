import type { QueueItem } from '../../api/adjudication.ts';

export const unitTitle = (item: Pick<QueueItem, 'position' | 'threadTitle' | 'postNumber'>) =>
  `#${item.position} ${item.threadTitle}${item.postNumber !== null ? `, post ${item.postNumber}` : ''}`;

/** The units in adjudication; the selected one is marked as current. */
export function QueueList({
  items,
  selected,
  onSelect,
}: {
  items: QueueItem[];
  selected: number | null;
  onSelect: (unitId: number) => void;
}) {
  if (items.length === 0) return <p className="hint">No units in adjudication match these filters.</p>;
  return (
    <ul aria-label="Units in adjudication" className="adj-queue">
      {items.map((item) => (
        <li key={item.unitId}>
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
      ))}
    </ul>
  );
}

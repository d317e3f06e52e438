import { subtreeIds, type Code, type MoveTarget } from '@threadcoder/taxonomy';
import { useMemo, useState, type DragEvent } from 'react';
import { siblingsOf, treeRows } from './tree-rows.ts';

type Zone = 'before' | 'inside' | 'after';

interface Props {
  codes: readonly Code[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A code dropped somewhere new; the editor asks why before it saves. */
  onDrop: (id: string, target: MoveTarget) => void;
}

/**
 * The codebook as a tree (dimension → category → subcategory). Codes can be dragged: the
 * top quarter of a row drops before it, the bottom quarter after it, the middle inside it.
 * Dragging is a convenience; "Move to…" beside the selected code does the same by keyboard.
 */
export function CodeTree({ codes, selectedId, onSelect, onDrop }: Props) {
  const rows = useMemo(() => treeRows(codes), [codes]);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<{ id: string; zone: Zone } | null>(null);
  const forbidden = useMemo(() => (dragged ? subtreeIds(codes, dragged) : new Set<string>()), [codes, dragged]);

  const targetFor = (row: Code, zone: Zone): MoveTarget | null => {
    if (!dragged) return null;
    const parentId = zone === 'inside' ? row.id : row.parentId;
    if (parentId !== null && forbidden.has(parentId)) return null;
    if (zone === 'inside') return { parentId };
    const index = siblingsOf(codes, parentId, dragged).findIndex((each) => each.id === row.id);
    return { parentId, position: zone === 'before' ? index : index + 1 };
  };
  const zoneOf = (e: DragEvent<HTMLElement>): Zone => {
    const box = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - box.top) / (box.height || 1);
    return y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'inside';
  };

  return (
    <ul className="cb-tree" aria-label="Codes">
      {rows.map(({ code, depth }) => {
        const zone = over?.id === code.id ? over.zone : null;
        return (
          <li
            key={code.id}
            draggable
            className={[
              'cb-row',
              code.status === 'deprecated' ? 'cb-deprecated' : '',
              zone ? `cb-drop-${zone}` : '',
              dragged === code.id ? 'cb-dragging' : '',
            ].join(' ')}
            style={{ paddingLeft: `${depth * 1.25 + 0.25}rem` }}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', code.id);
              e.dataTransfer.effectAllowed = 'move';
              setDragged(code.id);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDragOver={(e) => {
              const z = zoneOf(e);
              if (!targetFor(code, z)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (over?.id !== code.id || over.zone !== z) setOver({ id: code.id, zone: z });
            }}
            onDragLeave={() => setOver((current) => (current?.id === code.id ? null : current))}
            onDrop={(e) => {
              e.preventDefault();
              const target = targetFor(code, zoneOf(e));
              if (dragged && target && dragged !== code.id) onDrop(dragged, target);
              setDragged(null);
              setOver(null);
            }}
          >
            <span className="cb-handle" aria-hidden="true">
              ⠿
            </span>
            <span className="cb-swatch" style={{ background: code.color ?? 'transparent' }} aria-hidden="true" />
            <button
              type="button"
              className="cb-select"
              aria-current={selectedId === code.id ? 'true' : undefined}
              onClick={() => onSelect(code.id)}
            >
              {code.name}
              {code.status === 'deprecated' ? <span className="cb-badge">deprecated</span> : null}
            </button>
            {code.shortcut ? <kbd>{code.shortcut}</kbd> : null}
          </li>
        );
      })}
    </ul>
  );
}

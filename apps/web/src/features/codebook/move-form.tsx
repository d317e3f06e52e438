import type { MoveTarget } from '@threadcoder/taxonomy';
import { useState, type FormEvent } from 'react';
import { EditError } from './edit-error.tsx';
import { useEditor, useSave } from './editor-context.ts';
import { pathLabel, possibleParents, siblingsOf } from './tree-rows.ts';
import { WhyField } from './why-field.tsx';
import { FormActions } from '../../components/form-actions.tsx';

const TOP = '';

/**
 * Moves a code under another code or to the top level, at a chosen place among its new
 * siblings: the keyboard's way to do what dragging in the tree does.
 */
export function MoveForm({ id, initial, onDone }: { id: string; initial?: MoveTarget; onDone?: () => void }) {
  const { codebook, byId } = useEditor();
  const code = byId.get(id)!;
  const [parent, setParent] = useState<string>(initial ? (initial.parentId ?? TOP) : (code.parentId ?? TOP));
  const parentId = parent === TOP ? null : parent;
  const siblings = siblingsOf(codebook.codes, parentId, id);
  const [position, setPosition] = useState<number>(initial?.position ?? siblings.length);
  const [why, setWhy] = useState('');
  const { save, pending, error, reload } = useSave();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save({ op: 'move', id, target: { parentId, position: Math.min(position, siblings.length) }, why })) {
      setWhy('');
      onDone?.();
    }
  };
  return (
    <form aria-label={`Move ${code.name}`} onSubmit={submit} className="cb-form">
      <div className="row">
        <label>
          Move to…
          <select
            value={parent}
            onChange={(e) => {
              setParent(e.target.value);
              setPosition(Number.MAX_SAFE_INTEGER);
            }}
          >
            <option value={TOP}>Top level (a dimension)</option>
            {possibleParents(codebook.codes, id).map((each) => (
              <option key={each.id} value={each.id}>
                {pathLabel(codebook.codes, each.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Place
          <select value={Math.min(position, siblings.length)} onChange={(e) => setPosition(Number(e.target.value))}>
            {siblings.length > 0 ? <option value={0}>First</option> : null}
            {siblings.map((sibling, i) => (
              <option key={sibling.id} value={i + 1}>
                {i + 1 === siblings.length ? 'Last' : `After ${sibling.name}`}
              </option>
            ))}
            {siblings.length === 0 ? <option value={0}>Only code there</option> : null}
          </select>
        </label>
      </div>
      <WhyField value={why} onChange={setWhy} />
      <EditError error={error} onReload={reload} />
      <FormActions submit="Move" disabled={pending} onCancel={onDone} />
    </form>
  );
}

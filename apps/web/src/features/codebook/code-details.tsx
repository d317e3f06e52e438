import { useState } from 'react';
import { AddCodeForm } from './add-code-form.tsx';
import { CodeForm } from './code-form.tsx';
import { useEditor } from './editor-context.ts';
import { MergeDialog } from './merge-dialog.tsx';
import { MoveForm } from './move-form.tsx';
import { SplitDialog } from './split-dialog.tsx';
import { StatusForm } from './status-form.tsx';
import { pathLabel } from './tree-rows.ts';

type Panel = 'edit' | 'move' | 'add' | 'status';

/** The selected code: its fields to edit, and every operation on it. */
export function CodeDetails({ id }: { id: string }) {
  const { codebook, byId } = useEditor();
  const code = byId.get(id);
  const [panel, setPanel] = useState<Panel>('edit');
  const [dialog, setDialog] = useState<'merge' | 'split' | null>(null);
  if (!code) return <p className="hint">This code is no longer in the latest version.</p>;
  const isDimension = code.parentId === null;
  const tab = (value: Panel, label: string) => (
    <button
      type="button"
      className={panel === value ? 'small' : 'secondary small'}
      aria-pressed={panel === value}
      onClick={() => setPanel(value)}
    >
      {label}
    </button>
  );
  return (
    <section className="cb-details card" aria-label={`Code ${code.name}`}>
      <p className="hint">
        {pathLabel(codebook.codes, id)} · id <code>{code.id}</code>
        {code.status === 'deprecated' ? ' · deprecated' : ''}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons; a fieldset would draw a box around a toolbar */}
      <div className="row cb-actions" role="group" aria-label="Code actions">
        {tab('edit', 'Edit')}
        {tab('move', 'Move to…')}
        {tab('add', isDimension ? 'Add a category' : 'Add a subcategory')}
        {isDimension ? null : tab('status', code.status === 'active' ? 'Deprecate…' : 'Restore…')}
        {isDimension ? null : (
          <>
            <button
              type="button"
              className="secondary small"
              onClick={() => setDialog('merge')}
              disabled={code.status !== 'active'}
            >
              Merge…
            </button>
            <button type="button" className="secondary small" onClick={() => setDialog('split')}>
              Split…
            </button>
          </>
        )}
      </div>
      {panel === 'edit' ? <CodeForm key={id} code={code} /> : null}
      {panel === 'move' ? <MoveForm key={id} id={id} onDone={() => setPanel('edit')} /> : null}
      {panel === 'add' ? <AddCodeForm key={id} parentId={id} onDone={() => setPanel('edit')} /> : null}
      {panel === 'status' ? <StatusForm key={`${id}-${code.status}`} code={code} /> : null}
      {dialog === 'merge' ? <MergeDialog firstId={id} onClose={() => setDialog(null)} /> : null}
      {dialog === 'split' ? <SplitDialog id={id} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { EditError } from './edit-error.tsx';
import { useEditor, useSave } from './editor-context.ts';
import { idFromName } from './tree-rows.ts';
import { WhyField } from './why-field.tsx';
import { FormActions } from '../../components/form-actions.tsx';

interface Part {
  name: string;
  definition: string;
}

/**
 * Splits a code into parts that take its place. Which part a coded unit belongs to is
 * never guessed: when the study moves to the new version, those units go on a review list.
 */
export function SplitDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { codebook, byId } = useEditor();
  const code = byId.get(id)!;
  const children = codebook.codes.filter((each) => each.parentId === id);
  const [parts, setParts] = useState<Part[]>([
    { name: '', definition: '' },
    { name: '', definition: '' },
  ]);
  const [childrenTo, setChildrenTo] = useState(0);
  const [why, setWhy] = useState('');
  const { save, pending, error, reload } = useSave();
  const setPart = (i: number, patch: Partial<Part>) =>
    setParts(parts.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const taken = new Set([...byId.keys()].filter((each) => each !== id));
    const into = parts.map((p) => {
      const partId = idFromName(p.name, taken);
      taken.add(partId);
      return { id: partId, name: p.name, definition: p.definition };
    });
    const split = { id, into, ...(children.length > 0 ? { childrenTo: into[childrenTo]?.id ?? into[0]!.id } : {}) };
    if (await save({ op: 'split', split, why })) onClose();
  };
  return (
    <Dialog title={`Split ${code.name}`} onCancel={onClose} wide>
      <form aria-label="Split code" onSubmit={submit} className="cb-form">
        {parts.map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are identified by their position in the split
          <fieldset key={i} className="cb-part">
            <legend>Part {i + 1}</legend>
            <label>
              Name
              <input value={part.name} onChange={(e) => setPart(i, { name: e.target.value })} required />
            </label>
            <label>
              Definition
              <textarea rows={2} value={part.definition} onChange={(e) => setPart(i, { definition: e.target.value })} />
            </label>
            {parts.length > 2 ? (
              <button type="button" className="link" onClick={() => setParts(parts.filter((_, j) => j !== i))}>
                Remove part {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button
          type="button"
          className="secondary small"
          onClick={() => setParts([...parts, { name: '', definition: '' }])}
        >
          Add a part
        </button>
        {children.length > 0 ? (
          <label>
            Codes under {code.name} go to
            <select value={childrenTo} onChange={(e) => setChildrenTo(Number(e.target.value))}>
              {parts.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the option value is the part position
                <option key={i} value={i}>
                  {p.name || `Part ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <p className="hint">
          Units coded with “{code.name}” go on a review list for their coders when the study moves to the new version.
        </p>
        <WhyField value={why} onChange={setWhy} />
        <EditError error={error} onReload={reload} />
        <FormActions submit="Split" disabled={pending || parts.some((p) => !p.name.trim())} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { EditError } from './edit-error.tsx';
import { useEditor, useSave } from './editor-context.ts';
import { idFromName, pathLabel } from './tree-rows.ts';
import { WhyField } from './why-field.tsx';
import { FormActions } from '../../components/form-actions.tsx';

const NEW = '\u0000new';

/**
 * Merges codes into one: an existing code or a new one. Coders' labels follow a merge by
 * themselves once the study moves to the new version.
 */
export function MergeDialog({ firstId, onClose }: { firstId: string; onClose: () => void }) {
  const { codebook, byId } = useEditor();
  const [from, setFrom] = useState<string[]>([firstId]);
  const [into, setInto] = useState<string>(firstId);
  const [newName, setNewName] = useState('');
  const [why, setWhy] = useState('');
  const { save, pending, error, reload } = useSave();
  const candidates = codebook.codes.filter((code) => code.parentId !== null && code.status === 'active');
  const target = from.includes(into) || into === NEW ? into : (from[0] ?? firstId);
  const toggle = (id: string, on: boolean) => setFrom(on ? [...from, id] : from.filter((each) => each !== id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const merge =
      target === NEW
        ? { from, into: { id: idFromName(newName, new Set(byId.keys())), name: newName } }
        : { from, into: target };
    if (await save({ op: 'merge', merge, why })) onClose();
  };
  return (
    <Dialog title={`Merge ${byId.get(firstId)?.name ?? firstId} with…`} onCancel={onClose} wide>
      <form aria-label="Merge codes" onSubmit={submit} className="cb-form">
        <fieldset className="cb-pick">
          <legend>Codes to merge</legend>
          {candidates.map((code) => (
            <label key={code.id} className="check">
              <input
                type="checkbox"
                checked={from.includes(code.id)}
                onChange={(e) => toggle(code.id, e.target.checked)}
              />
              {pathLabel(codebook.codes, code.id)}
            </label>
          ))}
        </fieldset>
        <label>
          Merge into
          <select value={target} onChange={(e) => setInto(e.target.value)}>
            {from.map((id) => (
              <option key={id} value={id}>
                {byId.get(id)?.name ?? id}
              </option>
            ))}
            <option value={NEW}>A new code…</option>
          </select>
        </label>
        {target === NEW ? (
          <label>
            Name of the new code
            <input value={newName} onChange={(e) => setNewName(e.target.value)} required />
          </label>
        ) : null}
        <p className="hint">
          Codings with any of these codes get the merged code when the study moves to the new version.
        </p>
        <WhyField value={why} onChange={setWhy} />
        <EditError error={error} onReload={reload} />
        <FormActions submit="Merge" disabled={pending || from.length < 2} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

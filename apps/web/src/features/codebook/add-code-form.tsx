import { useState, type FormEvent } from 'react';
import { EditError } from './edit-error.tsx';
import { useEditor, useSave } from './editor-context.ts';
import { idFromName } from './tree-rows.ts';
import { WhyField } from './why-field.tsx';
import { FormActions } from '../../components/form-actions.tsx';

/** Adds a code under `parentId`, or a dimension when it is null. The id comes from the name unless typed. */
export function AddCodeForm({ parentId, onDone }: { parentId: string | null; onDone: () => void }) {
  const { byId } = useEditor();
  const [name, setName] = useState('');
  const [typedId, setTypedId] = useState<string | null>(null);
  const [definition, setDefinition] = useState('');
  const [codable, setCodable] = useState(true);
  const [why, setWhy] = useState('');
  const { save, pending, error, reload } = useSave();
  const id = typedId ?? idFromName(name, new Set(byId.keys()));
  const what = parentId === null ? 'dimension' : 'code';
  const parentName = parentId === null ? null : byId.get(parentId)?.name;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const code = { id, name, definition, parentId, ...(parentId === null ? {} : { codable }) };
    if (await save({ op: 'add', code, why })) onDone();
  };
  return (
    <form
      aria-label={parentId === null ? 'Add a dimension' : `Add a code under ${parentName}`}
      onSubmit={submit}
      className="cb-form"
    >
      <div className="row">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Id <span className="hint">(stable; used in exports)</span>
          <input value={id} onChange={(e) => setTypedId(e.target.value)} required />
        </label>
      </div>
      <label>
        Definition
        <textarea rows={2} value={definition} onChange={(e) => setDefinition(e.target.value)} />
      </label>
      {parentId !== null ? (
        <label className="check">
          <input type="checkbox" checked={codable} onChange={(e) => setCodable(e.target.checked)} /> Coders can apply it
          (uncheck for a grouping category)
        </label>
      ) : null}
      <WhyField value={why} onChange={setWhy} />
      <EditError error={error} onReload={reload} />
      <FormActions submit={`Add ${what}`} disabled={pending || !name.trim()} onCancel={onDone} />
    </form>
  );
}

import type { Code } from '@threadcoder/taxonomy';
import { useState, type FormEvent } from 'react';
import { EditError } from './edit-error.tsx';
import { useSave } from './editor-context.ts';
import { WhyField } from './why-field.tsx';

/** Deprecating keeps the code (old codings still show it) but coders can no longer apply it; restoring undoes that. */
export function StatusForm({ code }: { code: Code }) {
  const [why, setWhy] = useState('');
  const { save, pending, error, reload } = useSave();
  const op = code.status === 'active' ? 'deprecate' : 'restore';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save({ op, id: code.id, why })) setWhy('');
  };
  return (
    <form
      aria-label={op === 'deprecate' ? `Deprecate ${code.name}` : `Restore ${code.name}`}
      onSubmit={submit}
      className="cb-form"
    >
      <p className="hint">
        {op === 'deprecate'
          ? 'A deprecated code stays in the codebook so existing codings keep their label, but it can no longer be applied.'
          : 'This code is deprecated. Restoring it lets coders apply it again.'}
      </p>
      <WhyField value={why} onChange={setWhy} />
      <EditError error={error} onReload={reload} />
      <div className="dialog-actions">
        <button type="submit" className={op === 'deprecate' ? 'danger' : ''} disabled={pending}>
          {op === 'deprecate' ? 'Deprecate' : 'Restore'}
        </button>
      </div>
    </form>
  );
}

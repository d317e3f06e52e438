import { useState, type FormEvent } from 'react';
import { useUpdateStudy, type Study } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

const labelModeText = { multi: 'several per unit', single: 'one per unit' } as const;

/** The study's settings: a form for owners, facts for everyone else. */
export function SettingsCard({ study, canEdit }: { study: Study; canEdit: boolean }) {
  return (
    <section aria-label="Settings" className="card">
      <h2>Settings</h2>
      {canEdit ? (
        // Remount when the stored settings change, so the form starts from what was saved.
        <SettingsForm
          key={`${study.name}|${study.description}|${study.unitKind}|${study.labelMode}|${study.blind}`}
          study={study}
        />
      ) : (
        <dl className="facts">
          <dt>Description</dt>
          <dd>{study.description || '—'}</dd>
          <dt>Unit</dt>
          <dd>{study.unitKind}</dd>
          <dt>Labels</dt>
          <dd>{labelModeText[study.labelMode]}</dd>
          <dt>Blind coding</dt>
          <dd>{study.blind ? 'on' : 'off'}</dd>
          <dt>Units</dt>
          <dd>{study.units}</dd>
        </dl>
      )}
    </section>
  );
}

function SettingsForm({ study }: { study: Study }) {
  const update = useUpdateStudy(study.id);
  const [form, setForm] = useState({
    name: study.name,
    description: study.description,
    unitKind: study.unitKind,
    labelMode: study.labelMode,
    blind: study.blind,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const locked = study.units > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(form);
  };
  return (
    <form aria-label="Study settings" onSubmit={submit}>
      <label>
        Name
        <input value={form.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
      </label>
      <label>
        Description
        <textarea
          value={form.description}
          onChange={(e) => set('description', e.target.value)}
          rows={2}
          maxLength={5000}
        />
      </label>
      <div className="row">
        <label>
          Unit
          <select
            value={form.unitKind}
            disabled={locked}
            onChange={(e) => set('unitKind', e.target.value as Study['unitKind'])}
          >
            <option value="post">post</option>
            <option value="thread">thread</option>
          </select>
        </label>
        <label>
          Labels
          <select
            value={form.labelMode}
            disabled={locked}
            onChange={(e) => set('labelMode', e.target.value as Study['labelMode'])}
          >
            <option value="multi">{labelModeText.multi}</option>
            <option value="single">{labelModeText.single}</option>
          </select>
        </label>
      </div>
      {locked ? <p className="hint">The study has {study.units} units, so the unit and label mode are fixed.</p> : null}
      <label className="check">
        <input type="checkbox" checked={form.blind} onChange={(e) => set('blind', e.target.checked)} />
        Blind coding (coders do not see each other’s codings)
      </label>
      <button type="submit" disabled={update.isPending}>
        Save settings
      </button>
      {update.isSuccess ? (
        <span role="status" className="saved">
          {' '}
          Saved.
        </span>
      ) : null}
      <ErrorMessage error={update.error} />
    </form>
  );
}

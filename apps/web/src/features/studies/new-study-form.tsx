import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { templatesQuery } from '../../api/codebook.ts';
import { useCreateStudy } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

export function NewStudyForm() {
  const create = useCreateStudy();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [unitKind, setUnitKind] = useState<'post' | 'thread'>('post');
  const [labelMode, setLabelMode] = useState<'single' | 'multi'>('multi');
  // The Hugging Face forum template is the default codebook; '' starts without one.
  const [templateId, setTemplateId] = useState('hf-forum-ptm-reuse');
  const templates = useQuery(templatesQuery(useClient()));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, unitKind, labelMode, blind: true, templateId: templateId || null },
      { onSuccess: (r) => navigate(`/studies/${r.study?.id}`) },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New study" className="card inline-form">
      <h2>New study</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Unit
        <select value={unitKind} onChange={(e) => setUnitKind(e.target.value as 'post' | 'thread')}>
          <option value="post">post</option>
          <option value="thread">thread</option>
        </select>
      </label>
      <label>
        Labels
        <select value={labelMode} onChange={(e) => setLabelMode(e.target.value as 'single' | 'multi')}>
          <option value="multi">several per unit</option>
          <option value="single">one per unit</option>
        </select>
      </label>
      <label>
        Codebook
        <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {(templates.data?.templates ?? [{ id: 'hf-forum-ptm-reuse', name: 'Hugging Face forum template' }]).map(
            (t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ),
          )}
          <option value="">none yet (choose or import later)</option>
        </select>
      </label>
      <button type="submit" disabled={create.isPending}>
        Create study
      </button>
      <ErrorMessage error={create.error} />
    </form>
  );
}

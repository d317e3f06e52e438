import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { templatesQuery, useChooseCodebook } from '../../api/codebook.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ImportForm } from './files-bar.tsx';

const DEFAULT_TEMPLATE = 'hf-forum-ptm-reuse';

/** A study without a codebook: its owner starts from a template (the HF forum one by default), from empty, or from a file. */
export function CodebookChooser({ studyId }: { studyId: number }) {
  const templates = useQuery(templatesQuery(useClient()));
  const choose = useChooseCodebook(studyId);
  const [source, setSource] = useState<'template' | 'empty'>('template');
  const [templateId, setTemplateId] = useState(DEFAULT_TEMPLATE);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    choose.mutate(source === 'template' ? { source, templateId } : { source });
  };
  return (
    <section className="card" aria-label="Choose a codebook">
      <h2>Choose a codebook</h2>
      <form aria-label="Start a codebook" onSubmit={submit}>
        <label className="check">
          <input type="radio" name="source" checked={source === 'template'} onChange={() => setSource('template')} />{' '}
          From a published taxonomy
        </label>
        {source === 'template' ? (
          templates.isError ? (
            <ErrorMessage error={templates.error} />
          ) : (
            <ul className="plain-list cb-templates" aria-label="Templates">
              {(templates.data?.templates ?? []).map((t) => (
                <li key={t.id}>
                  <label className="check">
                    <input
                      type="radio"
                      name="template"
                      checked={templateId === t.id}
                      onChange={() => setTemplateId(t.id)}
                    />
                    <span>
                      <strong>{t.name}</strong>
                      <span className="hint">
                        {' '}
                        · {t.dimensions.map((d) => `${d.codes} ${d.name.toLowerCase()}`).join(', ')}
                      </span>
                      <br />
                      <span className="hint">{t.source}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )
        ) : null}
        <label className="check">
          <input type="radio" name="source" checked={source === 'empty'} onChange={() => setSource('empty')} /> Empty: a
          Challenge and a Benefit dimension
        </label>
        <ErrorMessage error={choose.error} />
        <button type="submit" disabled={choose.isPending}>
          Use this codebook
        </button>
      </form>
      <h3 className="cb-or">Or import a file</h3>
      <ImportForm studyId={studyId} />
    </section>
  );
}

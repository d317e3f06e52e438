import { useState, type FormEvent } from 'react';
import { useDeleteKeywordGroup, useSaveKeywordGroup, type KeywordGroup } from '../../api/analysis.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

function GroupForm({ studyId, group, onDone }: { studyId: number; group?: KeywordGroup; onDone(): void }) {
  const save = useSaveKeywordGroup(studyId);
  const [name, setName] = useState(group?.name ?? '');
  const [terms, setTerms] = useState(group?.terms.join(', ') ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const json = {
      name,
      terms: terms
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    save.mutate({ id: group?.id, json }, { onSuccess: onDone });
  };
  return (
    <form
      aria-label={group ? `Edit ${group.name}` : 'New keyword group'}
      className="inline-form an-group-form"
      onSubmit={submit}
    >
      <label>
        Group name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="GPT-2" required />
      </label>
      <label className="an-grow">
        Terms (comma-separated)
        <input value={terms} onChange={(e) => setTerms(e.target.value)} placeholder="gpt2, gpt-2" required />
      </label>
      <button type="submit" disabled={save.isPending}>
        {group ? 'Save' : 'Add group'}
      </button>
      {group ? (
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      ) : null}
      <ErrorMessage error={save.error} />
    </form>
  );
}

/** The study's keyword groups; owners add, edit and delete them. */
export function KeywordGroups({
  studyId,
  groups,
  canEdit,
}: {
  studyId: number;
  groups: readonly KeywordGroup[];
  canEdit: boolean;
}) {
  const remove = useDeleteKeywordGroup(studyId);
  const [editing, setEditing] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="an-groups">
      {groups.length ? (
        <ul aria-label="Keyword groups" className="an-group-list">
          {groups.map((g) =>
            editing === g.id ? (
              <li key={g.id}>
                <GroupForm studyId={studyId} group={g} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={g.id}>
                <strong>{g.name}</strong> <span className="hint">{g.terms.join(', ')}</span>
                {canEdit ? (
                  <>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setEditing(g.id)}
                      aria-label={`Edit ${g.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="link"
                      onClick={() => remove.mutate(g.id)}
                      aria-label={`Delete ${g.name}`}
                    >
                      Delete
                    </button>
                  </>
                ) : null}
              </li>
            ),
          )}
        </ul>
      ) : (
        <p className="hint">
          No keyword groups yet
          {canEdit ? ': add one to count the posts that mention it.' : '; the study’s owner can add them.'}
        </p>
      )}
      <ErrorMessage error={remove.error} />
      {canEdit ? <GroupForm key={formKey} studyId={studyId} onDone={() => setFormKey((k) => k + 1)} /> : null}
      <p className="hint">
        Terms match whole words after stemming: “fine-tune” also finds “fine-tuned”, “fine tuning” and “finetuned”;
        “gpt-2” also finds “GPT 2” and “gpt2”. “bert” does not find “roberta”: list each model.
      </p>
    </div>
  );
}

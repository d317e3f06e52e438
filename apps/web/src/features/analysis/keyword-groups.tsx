import { useState, type FormEvent } from 'react';
import { useDeleteKeywordGroup, useSaveKeywordGroup, type KeywordGroup } from '../../api/analysis.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { MatchRulesFields, type MatchRules } from './match-rules-fields.tsx';

const DEFAULT_RULES: MatchRules = { mode: 'stemmed', caseSensitive: false, quotes: false, previews: false };

function GroupForm({ studyId, group, onDone }: { studyId: number; group?: KeywordGroup; onDone(): void }) {
  const save = useSaveKeywordGroup(studyId);
  const [name, setName] = useState(group?.name ?? '');
  const [terms, setTerms] = useState(group?.terms.join(', ') ?? '');
  const [rules, setRules] = useState<MatchRules>(group?.rules ?? DEFAULT_RULES);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const json = {
      name,
      terms: terms
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      rules,
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
        Terms and aliases (comma-separated)
        <input value={terms} onChange={(e) => setTerms(e.target.value)} placeholder="gpt2, gpt-2" required />
      </label>
      <MatchRulesFields rules={rules} onChange={setRules} />
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

/** The study's keyword groups with their matching rules; owners add, edit and delete them. */
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
                <strong>{g.name}</strong> <span className="hint">{g.terms.join(', ')}</span>{' '}
                <span className="an-rules">({g.matching})</span>
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
        Each group matches any of its terms by its own rules. Stemmed whole words (the default): “fine-tune” also finds
        “fine-tuned” and “finetuned”, “gpt-2” finds “GPT 2” and “gpt2”, and “bert” does not find “roberta”. Whole words
        as written: no stemming. Word beginnings: “bert” finds “bertweet”. Anywhere: “bert” finds “roberta”. Quoted text
        and link previews count only when ticked.
      </p>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { CodebookCode } from '../../api/codebook-read.ts';
import { useClient } from '../../api/client-context.tsx';
import { unitSuggestionsQuery, useSuggestionFeedback } from '../../api/suggestions.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

interface Props {
  studyId: number;
  unitId: number;
  /** The coder's coding of the unit is saved on the server (not merely pending). */
  saved: boolean;
  /** The round is assisted: suggestions come before the first pass. */
  assisted: boolean;
  canEdit: boolean;
  codes: readonly CodebookCode[];
  applied: readonly string[];
  /** Applies the code to the coding (which saves it). */
  onApply: (codeId: string) => void;
}

const percent = (score: number) => `${Math.round(score * 100)}%`;

/**
 * The model's suggestions for the open unit, asked for only after the coder's own coding is
 * saved (or in an assisted round), so a first pass is never steered. Accept applies the code
 * and saves; reject only records the decision. Both are buttons, so Tab, Enter and Space work.
 */
export function SuggestionsPanel({ studyId, unitId, saved, assisted, canEdit, codes, applied, onApply }: Props) {
  const client = useClient();
  const open = saved || assisted;
  const query = useQuery({ ...unitSuggestionsQuery(client, studyId, unitId), enabled: open });
  const feedback = useSuggestionFeedback(studyId, unitId);
  if (!open) {
    return (
      <section aria-label="Suggestions" className="suggestions-panel">
        <h3>Suggestions</h3>
        <p className="hint">Save your own coding first; the model’s suggestions follow.</p>
      </section>
    );
  }
  const name = (id: string) => codes.find((c) => c.id === id)?.name ?? id;
  const decided = new Set(query.data?.decisions.map((d) => d.codeId) ?? []);
  const shown = query.data?.suggestions.filter((s) => !decided.has(s.codeId) && !applied.includes(s.codeId)) ?? [];
  const decide = (codeId: string, decision: 'accepted' | 'rejected') => {
    if (decision === 'accepted') onApply(codeId);
    feedback.mutate({ codeId, decision });
  };
  return (
    <section aria-label="Suggestions" className="suggestions-panel">
      <h3>Suggestions</h3>
      <ErrorMessage error={query.error ?? feedback.error} />
      {query.isPending ? <p className="hint">Loading suggestions…</p> : null}
      {query.data && query.data.modelVersion === null ? (
        <p className="hint">No model yet: it learns from settled units.</p>
      ) : null}
      {query.data && query.data.modelVersion !== null && shown.length === 0 ? (
        <p className="hint">No further suggestions for this unit.</p>
      ) : null}
      {shown.length > 0 ? (
        <ul>
          {shown.map((s) => (
            <li key={s.codeId}>
              <span className="suggestion-name">{name(s.codeId)}</span> <span className="hint">{percent(s.score)}</span>
              {canEdit ? (
                <span className="suggestion-actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Accept ${name(s.codeId)}`}
                    disabled={feedback.isPending}
                    onClick={() => decide(s.codeId, 'accepted')}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Reject ${name(s.codeId)}`}
                    disabled={feedback.isPending}
                    onClick={() => decide(s.codeId, 'rejected')}
                  >
                    Reject
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

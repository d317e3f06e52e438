import { useState, type FormEvent } from 'react';
import { useSettle, type AdjudicationChoices, type QueueItem } from '../../api/adjudication.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import type { CodeNames } from './code-names.ts';

interface Props {
  studyId: number;
  item: QueueItem;
  choices: AdjudicationChoices;
  names: CodeNames;
}

/**
 * Picks the final labels (prefilled with those every coder applied) or accepts one coder's
 * set, with a rationale. The server checks the set against the pinned codebook and label mode.
 */
export function DecisionForm({ studyId, item, choices, names }: Props) {
  const settle = useSettle(studyId);
  const [picked, setPicked] = useState<string[]>(item.sharedCodeIds);
  const [acceptedFrom, setAcceptedFrom] = useState<number | null>(null);
  const [rationale, setRationale] = useState(item.rationale);
  const single = choices.labelMode === 'single';
  const appliedBy = (id: string) => item.codings.filter((c) => c.codeIds.includes(id)).map((c) => c.displayName);
  const offered = choices.codes.filter(
    (c) => (c.codable && c.status === 'active') || picked.includes(c.id) || appliedBy(c.id).length,
  );
  const dimensions = choices.codes.filter((c) => c.parentId === null);

  const toggle = (id: string) => {
    setAcceptedFrom(null);
    setPicked((prev) => (prev.includes(id) ? prev.filter((p) => p !== id) : single ? [id] : [...prev, id]));
  };
  const accept = (coderId: number) => {
    setAcceptedFrom(coderId);
    setPicked(item.codings.find((c) => c.coderId === coderId)?.codeIds ?? []);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const json = acceptedFrom !== null ? { acceptCoderId: acceptedFrom, rationale } : { codeIds: picked, rationale };
    settle.mutate({ unitId: item.unitId, json });
  };

  return (
    <form aria-label="Decision" className="adj-decision" onSubmit={submit}>
      <h3>Decision</h3>
      {item.status === 'reopened' ? <p className="hint">Reopened: the last rationale is kept as a draft.</p> : null}
      <div className="adj-accept">
        {item.codings.map((c) => (
          <button
            key={c.coderId}
            type="button"
            className="secondary"
            aria-pressed={acceptedFrom === c.coderId}
            onClick={() => accept(c.coderId)}
          >
            Accept {c.displayName}’s labels
          </button>
        ))}
      </div>
      <fieldset className="adj-codes">
        <legend>Final labels{single ? ' (one)' : ''}</legend>
        {dimensions.map((d) => {
          const codes = offered.filter((c) => c.dimension === d.dimension && c.id !== d.id);
          if (!codes.length) return null;
          return (
            <fieldset key={d.id} className="adj-dimension">
              <legend>{d.name}</legend>
              {codes.map((c) => {
                const by = appliedBy(c.id);
                return (
                  <div key={c.id} className="adj-code">
                    <label>
                      <input
                        type="checkbox"
                        checked={picked.includes(c.id)}
                        onChange={() => toggle(c.id)}
                        aria-describedby={by.length ? `adj-by-${c.id}` : undefined}
                      />
                      {names(c.id)}
                    </label>
                    {by.length ? (
                      <span id={`adj-by-${c.id}`} className="hint">
                        applied by {by.join(', ')}
                      </span>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
          );
        })}
      </fieldset>
      <label>
        Rationale
        <textarea value={rationale} onChange={(e) => setRationale(e.target.value)} rows={3} required />
      </label>
      <button type="submit" disabled={settle.isPending}>
        Settle
      </button>
      <ErrorMessage error={settle.error} />
    </form>
  );
}

import type { CoderCoding } from '../../api/adjudication.ts';
import type { CodeNames } from './code-names.ts';

/** Each coder's labels, quotes, unsure flag and memo, side by side. */
export function CoderCodings({ codings, names }: { codings: CoderCoding[]; names: CodeNames }) {
  return (
    <div className="adj-coders">
      {codings.map((c) => (
        <section key={c.coderId} aria-label={`Coding by ${c.displayName}`} className="adj-coder">
          <h3>
            {c.displayName} <span className="hint">({c.username})</span>
            {c.unsure ? <span className="adj-unsure"> unsure</span> : null}
          </h3>
          {c.codeIds.length ? (
            <ul aria-label={`Labels by ${c.displayName}`} className="adj-labels">
              {c.codeIds.map((id) => (
                <li key={id}>
                  {names(id)}
                  {c.quotes[id] ? <blockquote>{c.quotes[id].text}</blockquote> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No labels.</p>
          )}
          <p className="adj-memo">
            <span className="hint">Memo: </span>
            {c.memo || '—'}
          </p>
        </section>
      ))}
    </div>
  );
}

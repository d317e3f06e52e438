import type { CoderCoding } from '../../api/adjudication.ts';
import type { Quote } from '../../components/quote-range.ts';
import type { CodeNames } from './code-names.ts';

interface Props {
  codings: CoderCoding[];
  names: CodeNames;
  /** The revision of the unit's text on screen (null: the current one); a quote made on another has offsets into that one. */
  shownRevision: number | null;
  /** Scrolls the posts to a quote, loading its page if need be. */
  onShowQuote: (quote: Quote) => void;
}

/** Each coder's labels, quotes, unsure flag and memo, side by side. */
export function CoderCodings({ codings, names, shownRevision, onShowQuote }: Props) {
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
                  {c.quotes[id] ? (
                    <QuoteOf
                      quote={c.quotes[id]}
                      label={`${names(id)} by ${c.displayName}`}
                      onShow={shownRevision === null || c.revision === shownRevision ? onShowQuote : null}
                      revision={c.revision}
                    />
                  ) : null}
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

interface QuoteProps {
  quote: Quote;
  label: string;
  /** Null when the quote was made on another revision of the text than the one shown. */
  onShow: ((quote: Quote) => void) | null;
  revision: number;
}

/** A coder's quote, and the button that shows it in the posts (when they show the text it was made on). */
function QuoteOf({ quote, label, onShow, revision }: QuoteProps) {
  if (!onShow)
    return (
      <>
        <blockquote>{quote.text}</blockquote>
        <span className="hint">Made on a later version of the text (revision {revision}); not shown here.</span>
      </>
    );
  return (
    <>
      <blockquote>{quote.text}</blockquote>
      <button
        type="button"
        className="link"
        aria-label={`Show the quote of ${label} in the text`}
        aria-keyshortcuts='"'
        onClick={() => onShow(quote)}
      >
        Show in text
      </button>
    </>
  );
}

import type { CoderCoding } from '../../api/adjudication.ts';
import type { Quote } from '../../components/quote-range.ts';
import type { CodeNames } from './code-names.ts';

interface Props {
  codings: CoderCoding[];
  names: CodeNames;
  /** Scrolls the posts to a quote, loading its page if need be. */
  onShowQuote: (quote: Quote) => void;
}

/** Each coder's labels, quotes, unsure flag and memo, side by side. */
export function CoderCodings({ codings, names, onShowQuote }: Props) {
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
                    <QuoteOf quote={c.quotes[id]} label={`${names(id)} by ${c.displayName}`} onShow={onShowQuote} />
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

/** A coder's quote, and the button that shows it in the posts. */
function QuoteOf({ quote, label, onShow }: { quote: Quote; label: string; onShow: (quote: Quote) => void }) {
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

import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import type { CodebookCode } from '../../api/codebook-read.ts';
import type { CodingBody } from '../../api/coding.ts';
import { codeGroups, shownCodes, topMatch } from './codebook-tree.ts';

interface Props {
  codes: readonly CodebookCode[];
  coding: CodingBody;
  canEdit: boolean;
  filterRef: Ref<HTMLInputElement>;
  onToggle: (codeId: string) => void;
  onAttach: (codeId: string) => void;
  onRemoveQuote: (codeId: string) => void;
  /** Scrolls the post text to the code's saved quote, loading its page if need be. */
  onShowQuote: (codeId: string) => void;
  /** Gives the keyboard back to the page (after Enter or Escape in the filter). */
  onLeaveFilter: () => void;
}

/** The codebook as toggle buttons under dimension headings, with a filter and each code's definition on hover or focus. */
export function CodebookPanel({
  codes,
  coding,
  canEdit,
  filterRef,
  onToggle,
  onAttach,
  onRemoveQuote,
  onShowQuote,
  onLeaveFilter,
}: Props) {
  const [filter, setFilter] = useState('');
  // The definition of the code under the pointer or the focus, shown in one fixed place so the list never jumps.
  const [about, setAbout] = useState<CodebookCode | null>(null);
  const groups = useMemo(() => codeGroups(codes, coding.codeIds, filter), [codes, coding.codeIds, filter]);
  const matches = shownCodes(groups);
  const best = filter.trim() ? topMatch(groups) : undefined;
  const id = useId();

  const onFilterKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (best && canEdit) {
        onToggle(best.id);
        setFilter('');
        onLeaveFilter();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setFilter('');
      onLeaveFilter();
    }
  };

  return (
    <section className="codebook" aria-labelledby={`${id}-h`}>
      <div className="codebook-head">
        <h2 id={`${id}-h`}>Codebook</h2>
        <input
          type="search"
          ref={filterRef}
          className="code-filter"
          aria-label="Filter codes"
          placeholder="Filter  ( / )"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={onFilterKey}
          aria-describedby={`${id}-count`}
        />
      </div>
      <p id={`${id}-count`} className="hint filter-count" aria-live="polite">
        {best
          ? `${matches.length === 1 ? '1 code matches' : `${matches.length} codes match`} — Enter applies ${best.name}`
          : ''}
      </p>
      <div className="code-about" aria-hidden="true">
        {about ? (
          <>
            <strong>{about.name}</strong> {about.definition || 'No definition yet.'}
            {about.includeNote ? <span className="code-note">Include: {about.includeNote}</span> : null}
            {about.excludeNote ? <span className="code-note">Exclude: {about.excludeNote}</span> : null}
            {about.examples[0] ? <span className="code-note">Example: “{about.examples[0].quote}”</span> : null}
          </>
        ) : (
          <span className="hint">Point at or focus a code to read its definition.</span>
        )}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: leaving with the pointer only clears the hover preview; keyboard users read definitions on focus */}
      <div className="code-groups" onMouseLeave={() => setAbout(null)}>
        {groups.map((g) => (
          // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons, not form fields (fieldset is for those)
          <div key={g.dimension.id} role="group" aria-labelledby={`${id}-${g.dimension.id}`} className="code-group">
            <h3 id={`${id}-${g.dimension.id}`}>{g.dimension.name}</h3>
            <ul>
              {g.items.map(({ code, depth, heading, category }) =>
                heading ? (
                  <li key={code.id} className="code-subhead" style={{ marginLeft: `${depth}rem` }}>
                    <h4>{code.name}</h4>
                  </li>
                ) : (
                  <CodeItem
                    key={code.id}
                    code={code}
                    depth={depth}
                    category={category}
                    top={code.id === best?.id}
                    tipId={`${id}-def-${code.id}`}
                    applied={coding.codeIds.includes(code.id)}
                    quote={coding.quotes[code.id]}
                    canEdit={canEdit}
                    onToggle={onToggle}
                    onAttach={onAttach}
                    onRemoveQuote={onRemoveQuote}
                    onShowQuote={onShowQuote}
                    onAbout={setAbout}
                  />
                ),
              )}
            </ul>
          </div>
        ))}
        {groups.length === 0 ? <p className="hint">No code matches “{filter}”.</p> : null}
      </div>
    </section>
  );
}

interface ItemProps {
  code: CodebookCode;
  depth: number;
  category: boolean;
  top: boolean;
  tipId: string;
  applied: boolean;
  quote: CodingBody['quotes'][string] | undefined;
  canEdit: boolean;
  onToggle: (codeId: string) => void;
  onAttach: (codeId: string) => void;
  onRemoveQuote: (codeId: string) => void;
  onShowQuote: (codeId: string) => void;
  onAbout: (code: CodebookCode | null) => void;
}

// Buttons keep the focus where it was on a mouse press, so Enter still means "save and next"
// and a text selection in the post survives the click that attaches it.
const keepFocus = (e: { preventDefault(): void }) => e.preventDefault();

function CodeItem({
  code,
  depth,
  category,
  top,
  tipId,
  applied,
  quote,
  canEdit,
  onToggle,
  onAttach,
  onRemoveQuote,
  onShowQuote,
  onAbout,
}: ItemProps) {
  const retired = code.status === 'deprecated';
  return (
    <li
      className={`code${applied ? ' applied' : ''}${category ? ' category' : ''}${top ? ' top-match' : ''}`}
      style={{ marginLeft: `${depth}rem`, ['--code-color' as string]: code.color ?? 'var(--accent)' }}
      onMouseEnter={() => onAbout(code)}
      onFocus={() => onAbout(code)}
    >
      <button
        type="button"
        className="code-toggle"
        aria-pressed={applied}
        aria-describedby={tipId}
        aria-keyshortcuts={code.shortcut ?? undefined}
        disabled={!canEdit}
        onMouseDown={keepFocus}
        onClick={() => onToggle(code.id)}
      >
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the kbd is not focusable; its key is announced through the button's aria-keyshortcuts */}
        <kbd aria-hidden="true">{code.shortcut ?? ' '}</kbd>
        <span className="code-name">{code.name}</span>
        {category ? <span className="hint code-tag"> category only</span> : null}
        {retired ? <span className="hint"> (retired)</span> : null}
      </button>
      {/* Read out with the button (aria-describedby); shown on screen in the panel's definition box. */}
      <span id={tipId} className="visually-hidden">
        {code.definition}
        {code.includeNote ? ` Include: ${code.includeNote}` : ''}
        {code.excludeNote ? ` Exclude: ${code.excludeNote}` : ''}
      </span>
      {applied && (quote || canEdit) ? (
        <div className="code-evidence">
          {quote ? <blockquote>{quote.text}</blockquote> : null}
          {quote ? (
            <button
              type="button"
              className="link"
              aria-label={`Show the quote of ${code.name} in the text`}
              aria-keyshortcuts='"'
              onMouseDown={keepFocus}
              onClick={() => onShowQuote(code.id)}
            >
              Show in text
            </button>
          ) : null}
          {quote && canEdit ? (
            <button
              type="button"
              className="link"
              aria-label={`Remove quote from ${code.name}`}
              onClick={() => onRemoveQuote(code.id)}
            >
              Remove
            </button>
          ) : null}
          {canEdit ? (
            <button
              type="button"
              className="link attach"
              aria-label={`Attach selection to ${code.name}`}
              onMouseDown={keepFocus}
              onClick={() => onAttach(code.id)}
            >
              Attach selection
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

import { RESERVED_SHORTCUT_KEYS } from '@threadcoder/taxonomy';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CodebookCode } from '../../api/codebook-read.ts';
import type { SaveCodingVars, UnitDetail } from '../../api/coding.ts';
import { SuggestionsPanel } from './suggestions-panel.tsx';
import { CodebookPanel } from './codebook-panel.tsx';
import { ConflictPanel } from './conflict-panel.tsx';
import { applicable } from './codebook-tree.ts';
import type { ShowQuote } from '../../components/paged-posts.tsx';
import type { QuotablePost } from '../../components/quote-range.ts';
import { nextQuote } from '../../components/next-quote.ts';
import { selectionQuote } from './selection.ts';
import { UnitArticle } from './unit-article.tsx';
import { useKeys } from './use-keys.ts';
import { editable, useUnitCoding } from './use-unit-coding.ts';

const MAX_QUOTE = 5000;

interface Props {
  studyId: number;
  roundId: number;
  detail: UnitDetail;
  heading: string;
  codes: readonly CodebookCode[];
  labelMode: 'single' | 'multi';
  /** Why the coding cannot change here, or null when it can. */
  readOnly: string | null;
  /** The round shows suggestions before the first pass. */
  assisted: boolean;
  save: (vars: SaveCodingVars) => void;
  /** Enter: after saving, go on to the next unit. */
  onDone: () => void;
}

/** One unit being coded: the post in context beside the codebook, the memo and the unsure flag, and their keys. */
export function UnitEditor({
  studyId,
  roundId,
  detail,
  heading,
  codes,
  labelMode,
  readOnly,
  assisted,
  save,
  onDone,
}: Props) {
  const edit = useUnitCoding({ studyId, roundId, detail, labelMode, canEdit: readOnly === null, save });
  const { coding, conflict } = edit;
  const canEdit = readOnly === null && !conflict;
  const article = useRef<HTMLElement>(null);
  const memo = useRef<HTMLTextAreaElement>(null);
  const filter = useRef<HTMLInputElement>(null);
  const quotable = useRef<QuotablePost[]>([]);
  const setQuotable = useCallback((posts: QuotablePost[]) => (quotable.current = posts), []);
  const usable = useMemo(() => applicable(codes), [codes]);
  const [quoting, setQuoting] = useState(false);
  const [note, setNote] = useState('');
  const memoId = useId();
  const quotes = useMemo(() => Object.values(coding.quotes), [coding.quotes]);
  const [show, setShow] = useState<ShowQuote | null>(null);

  // Arriving from a click in the unit list, give the keys back to the page rather than the link.
  useEffect(() => {
    if (document.activeElement?.closest('.unit-list')) article.current?.focus({ preventScroll: true });
  }, []);

  const attach = (codeId: string) => {
    setQuoting(false);
    const quote = selectionQuote(quotable.current);
    if (!quote) return setNote('Select some text in the highlighted post first, then attach it.');
    if (quote.text.length > MAX_QUOTE) return setNote(`A quote holds at most ${MAX_QUOTE} characters; select less.`);
    setNote('');
    edit.attachQuote(codeId, quote);
    document.getSelection()?.removeAllRanges();
  };

  // The screen's own keys (j, k, u, m, ?) win over a code that was given one of them anyway.
  const byShortcut = (key: string) =>
    RESERVED_SHORTCUT_KEYS.includes(key)
      ? undefined
      : codes.find((c) => c.shortcut === key && (usable.has(c.id) || coding.codeIds.includes(c.id)));

  useKeys((key) => {
    if (quoting) {
      const code = byShortcut(key);
      if (code) attach(code.id);
      else if (key === 'Escape') setQuoting(false);
      else return false;
      return true;
    }
    const code = byShortcut(key);
    // A code that owns "q" wins; otherwise "q" starts attaching a quote.
    if (code) {
      if (canEdit) edit.toggle(code.id);
      return true;
    }
    switch (key) {
      case 'Enter':
        edit.finish();
        onDone();
        return true;
      case 'u':
        if (canEdit) edit.toggleUnsure();
        return true;
      case 'm':
        memo.current?.focus();
        return true;
      case '/':
        filter.current?.focus();
        return true;
      case '"':
        if (quotes.length === 0) return false;
        setShow({ quote: nextQuote(quotes, show?.quote ?? null) });
        return true;
      case 'q':
        if (!canEdit) return false;
        setQuoting(true);
        setNote('Quote: press the key of the code to attach the selected text to (Escape cancels).');
        return true;
      default:
        return false;
    }
  });

  return (
    <>
      <UnitArticle
        studyId={studyId}
        detail={detail}
        heading={heading}
        articleRef={article}
        postsRef={setQuotable}
        quotes={quotes}
        show={show}
      />
      <aside className="coding-panel" aria-label="Your coding">
        {readOnly ? (
          <p className="read-only-note" role="note">
            {readOnly}
          </p>
        ) : null}
        {conflict && readOnly === null ? (
          <ConflictPanel
            theirs={conflict.theirs && editable(conflict.theirs)}
            mine={conflict.mine}
            codes={codes}
            onKeepTheirs={edit.keepTheirs}
            onKeepMine={edit.keepMine}
          />
        ) : null}
        <CodebookPanel
          codes={codes}
          coding={coding}
          canEdit={canEdit}
          filterRef={filter}
          onToggle={edit.toggle}
          onAttach={attach}
          onRemoveQuote={edit.removeQuote}
          onShowQuote={(codeId) => coding.quotes[codeId] && setShow({ quote: coding.quotes[codeId] })}
          onLeaveFilter={() => article.current?.focus({ preventScroll: true })}
        />
        <p className="coding-note" aria-live="polite">
          {note}
        </p>
        <SuggestionsPanel
          studyId={studyId}
          unitId={detail.unit.id}
          // An optimistic first coding has id 0 until the server has it; only then may suggestions be asked for.
          saved={(detail.coding?.id ?? 0) !== 0}
          assisted={assisted}
          canEdit={canEdit}
          codes={codes}
          applied={coding.codeIds}
          onApply={(codeId) => !coding.codeIds.includes(codeId) && edit.toggle(codeId)}
        />
        <div className="coding-extra">
          <div className="memo-head">
            <label htmlFor={memoId}>Memo</label>
            <button
              type="button"
              className="unsure-toggle"
              aria-pressed={coding.unsure}
              aria-keyshortcuts="u"
              disabled={!canEdit}
              onMouseDown={(e) => e.preventDefault()}
              onClick={edit.toggleUnsure}
            >
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a kbd is not focusable; hidden so the button is named "Unsure" */}
              <kbd aria-hidden="true">u</kbd> Unsure
            </button>
          </div>
          <textarea
            id={memoId}
            ref={memo}
            rows={2}
            value={canEdit ? edit.memo : coding.memo}
            readOnly={!canEdit}
            placeholder="Why these codes?  ( m )"
            onChange={(e) => edit.setMemo(e.target.value)}
            onBlur={edit.flush}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
          />
        </div>
      </aside>
    </>
  );
}

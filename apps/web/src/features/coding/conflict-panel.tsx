import { useEffect, useId, useRef } from 'react';
import type { CodebookCode } from '../../api/codebook-read.ts';
import type { CodingBody } from '../../api/coding.ts';

interface Props {
  /** The coding saved in another tab or on another device (null: none). */
  theirs: CodingBody | null;
  /** This tab's coding, which the server refused as stale. */
  mine: CodingBody;
  codes: readonly CodebookCode[];
  onKeepTheirs: () => void;
  onKeepMine: () => void;
}

/**
 * Two versions of one coding side by side, for the coder to choose one. Focus moves to the
 * first choice so the keyboard reaches it at once (Tab to the other, Enter to choose).
 */
export function ConflictPanel({ theirs, mine, codes, onKeepTheirs, onKeepMine }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => first.current?.focus(), []);
  return (
    <section className="coding-conflict" aria-labelledby={headingId}>
      <h3 id={headingId}>Two versions of this coding</h3>
      <p role="alert">
        This unit was saved in another tab or on another device after you opened it here. Choose the version to keep.
      </p>
      <div className="conflict-versions">
        <Version title="Saved elsewhere" coding={theirs} codes={codes} />
        <Version title="Yours, in this tab" coding={mine} codes={codes} />
      </div>
      <div className="conflict-choices">
        <button ref={first} type="button" onClick={onKeepTheirs}>
          Keep the saved version
        </button>
        <button type="button" onClick={onKeepMine}>
          Keep mine
        </button>
      </div>
    </section>
  );
}

function Version({
  title,
  coding,
  codes,
}: {
  title: string;
  coding: CodingBody | null;
  codes: readonly CodebookCode[];
}) {
  const name = (id: string) => codes.find((c) => c.id === id)?.name ?? id;
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      {coding === null ? (
        <p>No coding.</p>
      ) : (
        <>
          <ul>
            {coding.codeIds.length === 0 ? <li>No codes apply</li> : null}
            {coding.codeIds.map((id) => (
              <li key={id}>
                {name(id)}
                {coding.quotes[id] ? <q>{coding.quotes[id].text}</q> : null}
              </li>
            ))}
          </ul>
          {coding.unsure ? <p>Marked unsure</p> : null}
          {coding.memo ? <p className="conflict-memo">Memo: {coding.memo}</p> : null}
        </>
      )}
    </section>
  );
}

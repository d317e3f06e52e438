import { diffWords } from 'diff';
import { useId, useState } from 'react';
import type { UnitDetail } from '../api/coding.ts';

type Revision = UnitDetail['revision'];

/**
 * Says that the forum changed the unit after it was coded (a re-import or re-collection), while
 * the page keeps showing the text as coded; a toggle shows what changed, word by word.
 */
export function EditedSinceCoded({ revision }: { revision: Revision }) {
  const [open, setOpen] = useState(false);
  const diffId = useId();
  if (!revision.editedSinceCoded) return null;
  return (
    <section className="edited-notice" aria-label="Edited since coded">
      <p>
        <strong>Edited since coded.</strong> The forum changed this unit after it was coded; it is shown as coded
        (revision {revision.coded}, now {revision.current}).{' '}
        <button type="button" aria-expanded={open} aria-controls={diffId} onClick={() => setOpen(!open)}>
          {open ? 'Hide changes' : 'Show changes'}
        </button>
      </p>
      {open ? <WordDiff id={diffId} before={revision.codedText ?? ''} after={revision.currentText ?? ''} /> : null}
    </section>
  );
}

function WordDiff({ id, before, after }: { id: string; before: string; after: string }) {
  // Each part is keyed by where it starts in the run of all parts, which no two share.
  let at = 0;
  const parts = diffWords(before, after).map((part) => {
    const key = at;
    at += part.value.length;
    return { ...part, key };
  });
  return (
    <figure id={id} className="word-diff" aria-label="Changes since coded">
      {parts.map((part) =>
        part.added ? (
          <ins key={part.key}>{part.value}</ins>
        ) : part.removed ? (
          <del key={part.key}>{part.value}</del>
        ) : (
          <span key={part.key}>{part.value}</span>
        ),
      )}
    </figure>
  );
}

import { useEffect, useId, useRef } from 'react';

const keyTable: [string, string][] = [
  ['1–9, a–z', 'apply or remove the code with that key (shown beside each code)'],
  ['Enter', 'save and go to the next uncoded unit (else the next one)'],
  ['j  or  ↓ →', 'next unit'],
  ['k  or  ↑ ←', 'previous unit'],
  ['u', 'mark or unmark the unit as unsure'],
  ['m', 'write in the memo (Escape leaves it)'],
  ['/', 'filter the codebook; Enter applies the only match, Escape leaves'],
  ['q then a code’s key', 'attach the text selected in the post to that code'],
  ['"', 'go to the next saved quote in the text (its page loads if need be)'],
  ['R  (Shift+r)', 'rank the units again when a retrained model would order them otherwise'],
  ['?', 'show these keys'],
];

/** The keys of the coding screen, as a modal dialog; Escape or Close returns to coding. */
export function KeysDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom has no showModal; there the open attribute alone shows it.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    dialog.querySelector<HTMLButtonElement>('button')?.focus();
    return () => before?.focus({ preventScroll: true });
  }, []);
  return (
    <dialog
      ref={ref}
      className="keys-dialog"
      aria-labelledby={`${id}-h`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id={`${id}-h`}>Keyboard shortcuts</h2>
      <table className="table keys">
        <tbody>
          {keyTable.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Keys do nothing while you type in the memo or the filter.</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal box: focus moves to its first field or button and returns where it was on close;
 * Escape cancels. A plain element with role="dialog" rather than <dialog>, whose showModal()
 * jsdom does not implement.
 */
export function Dialog({
  title,
  children,
  actions,
  onCancel,
  wide,
}: {
  title: string;
  children: ReactNode;
  /** Buttons under the content (a confirmation's); a form dialog keeps its own inside children. */
  actions?: ReactNode;
  onCancel: () => void;
  wide?: boolean;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog card${wide ? ' cb-wide' : ''}`}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {actions ? <div className="dialog-actions">{actions}</div> : null}
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal box: focus moves to its first field or button, Escape cancels. A plain element
 * with role="dialog" rather than <dialog>, whose showModal() jsdom does not implement.
 */
export function Dialog({
  title,
  children,
  onCancel,
  wide,
}: {
  title: string;
  children: ReactNode;
  onCancel: () => void;
  wide?: boolean;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog card${wide ? ' cb-wide' : ''}`}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

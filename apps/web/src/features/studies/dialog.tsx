import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal confirmation: focus moves to its first button and returns where it was on close;
 * Escape cancels. A plain element with role="dialog" rather than <dialog>, whose showModal()
 * jsdom does not implement.
 */
export function Dialog({
  title,
  children,
  actions,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onCancel: () => void;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLButtonElement>('button')?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog card">
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}

import { useEffect, useRef } from 'react';

// Single-key shortcuts on the whole page. They never fire while the person types (memo, filter,
// any field), with a modifier held, or while a dialog is open; Enter and Space on a focused
// button or link keep their usual meaning.

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function ignoreKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return true;
  if (typing(e.target)) return true;
  if (document.querySelector('dialog[open]')) return true;
  const onControl = e.target instanceof HTMLElement && e.target.closest('button, a[href], summary') !== null;
  return onControl && (e.key === 'Enter' || e.key === ' ');
}

/** Calls `handle` for each page-level key; it returns true when it used the key. */
export function useKeys(handle: (key: string, e: KeyboardEvent) => boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (ignoreKey(e)) return;
      if (latest.current(e.key, e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

// An id for this browser tab. sessionStorage keeps it across reloads of the tab but gives every
// other tab its own, so drafts (in the shared localStorage) can tell their tab from the others.
const storageKey = 'threadcoder:tab';
let fallback: string | undefined;

export function thisTab(): string {
  try {
    const known = window.sessionStorage.getItem(storageKey);
    if (known !== null) return known;
    const fresh = crypto.randomUUID();
    window.sessionStorage.setItem(storageKey, fresh);
    return fresh;
  } catch {
    fallback ??= crypto.randomUUID();
    return fallback;
  }
}

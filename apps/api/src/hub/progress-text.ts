// A Hub collection's progress in words, for the command line.
import type { HubCollectionRecord } from './state.ts';

export function describeHubProgress(r: HubCollectionRecord): string {
  const p = r.progress;
  const eta = p.etaSeconds === null || p.etaSeconds === 0 ? '' : ` · ETA ${duration(p.etaSeconds)}`;
  const reached = p.reachedDate ? ` · back to ${p.reachedDate.slice(0, 10)}` : '';
  const cards = p.cardDetails
    ? ` · card details ${p.cardDetails.checked} of ${p.cardDetails.checked + p.cardDetails.due}`
    : '';
  return `models ${p.models} · pages ${p.pages} · ${p.requests} requests${reached}${cards}${eta}`;
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(s).padStart(2, '0')}`;
}

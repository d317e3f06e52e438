import { onlineManager, useMutationState } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { codingMutationKey } from '../../api/coding.ts';

const subscribeOnline = (onChange: () => void) => onlineManager.subscribe(() => onChange());

type SaveState = { kind: 'idle' | 'saving' | 'saved' | 'retrying' | 'failed'; text: string };

/** Saved, saving, retrying or failed, from the study's coding saves in the mutation cache. */
function useSaveState(studyId: number): SaveState {
  const online = useSyncExternalStore(subscribeOnline, () => onlineManager.isOnline());
  const states = useMutationState({ filters: { mutationKey: codingMutationKey(studyId) }, select: (m) => m.state });
  const pending = states.filter((s) => s.status === 'pending');
  if (pending.some((s) => s.failureCount > 0) || (pending.length > 0 && !online))
    return { kind: 'retrying', text: 'Not saved — retrying…' };
  if (pending.length > 0) return { kind: 'saving', text: 'Saving…' };
  const last = states.at(-1);
  if (last?.status === 'error')
    return { kind: 'failed', text: `Not saved: ${last.error?.message ?? 'the server refused the change.'}` };
  if (last?.status === 'success') return { kind: 'saved', text: 'All changes saved' };
  return { kind: 'idle', text: '' };
}

export function SaveStatus({ studyId }: { studyId: number }) {
  const state = useSaveState(studyId);
  return (
    <p role="status" className={`save-status save-${state.kind}`}>
      {state.text}
    </p>
  );
}

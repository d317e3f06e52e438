import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Coding, UnitDetail } from '../../api/coding.ts';

// Tabs of one coder tell each other about saved codings, so a unit open in another tab shows
// the new labels at once (and its next edit builds on them) instead of a stale copy. One channel
// per page both sends and listens: a channel never receives its own messages, so a tab is not
// told about its own saves.
const channelName = 'threadcoder:codings';

interface Saved {
  studyId: number;
  coding: Coding;
}

let shared: BroadcastChannel | null | undefined;

function channel(): BroadcastChannel | null {
  if (shared === undefined) {
    shared = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
    // Node (the tests) would otherwise stay alive for the open channel; browsers have no unref.
    (shared as { unref?: () => void } | null)?.unref?.();
  }
  return shared;
}

export function announceSaved(studyId: number, coding: Coding): void {
  channel()?.postMessage({ studyId, coding } satisfies Saved);
}

/** Takes other tabs' saves of this study into the unit cache (a newer version only). */
export function useUnitSync(studyId: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const ch = channel();
    if (!ch) return;
    const onMessage = (e: MessageEvent<Saved>) => {
      const { studyId: study, coding } = e.data;
      if (study !== studyId) return;
      const key = ['studies', studyId, 'units', coding.unitId];
      const old = queryClient.getQueryData<UnitDetail>(key);
      if (old && (old.coding?.version ?? 0) >= coding.version) return;
      if (old) queryClient.setQueryData<UnitDetail>(key, { ...old, coding });
      void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'rounds'] });
      void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'progress'] });
    };
    ch.addEventListener('message', onMessage);
    return () => ch.removeEventListener('message', onMessage);
  }, [queryClient, studyId]);
}

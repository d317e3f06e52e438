import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Coding, UnitDetail } from '../../api/coding.ts';

// Tabs of one coder tell each other about saved codings, so a unit open in another tab shows
// the new labels at once (and its next edit builds on them) instead of a stale copy.
const channelName = 'threadcoder:codings';

interface Saved {
  studyId: number;
  coding: Coding;
}

const channel = () => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName));

export function announceSaved(studyId: number, coding: Coding): void {
  const ch = channel();
  ch?.postMessage({ studyId, coding } satisfies Saved);
  ch?.close();
}

/** Takes other tabs' saves of this study into the unit cache (a newer version only). */
export function useUnitSync(studyId: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const ch = channel();
    if (!ch) return;
    ch.onmessage = (e: MessageEvent<Saved>) => {
      const { studyId: study, coding } = e.data;
      if (study !== studyId) return;
      queryClient.setQueryData<UnitDetail>(['studies', studyId, 'units', coding.unitId], (old) =>
        old && (old.coding?.version ?? 0) < coding.version ? { ...old, coding } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'rounds'] });
      void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'progress'] });
    };
    return () => ch.close();
  }, [queryClient, studyId]);
}

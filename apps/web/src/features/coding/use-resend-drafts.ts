import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { codingMutationKey, type SaveCodingVars } from '../../api/coding.ts';
import { claimDrafts } from './drafts.ts';

/**
 * Sends again the codings a previous visit left unsaved (closed tab, reload while offline).
 * Drafts whose save is still running in this page are left to it.
 */
export function useResendDrafts(studyId: number, save: (vars: SaveCodingVars) => void): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const running = queryClient
      .getMutationCache()
      .findAll({ mutationKey: codingMutationKey(studyId), status: 'pending' })
      .map((m) => (m.state.variables as SaveCodingVars | undefined)?.unitId);
    // The round is not known here; the lists are refreshed when the save settles.
    for (const draft of claimDrafts(studyId))
      if (!running.includes(draft.unitId))
        save({ unitId: draft.unitId, roundId: 0, coding: draft.coding, baseVersion: draft.base });
  }, [queryClient, studyId, save]);
}

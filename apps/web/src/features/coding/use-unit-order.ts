import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { rankingQuery } from '../../api/coding.ts';
import type { UnitOrder } from '../../api/suggestions.ts';

const storageKey = (studyId: number) => `threadcoder:unit-order:${studyId}`;

/**
 * Active learning on the coding screen: with "uncertainty", the coder's uncoded units come in
 * the model's order (least sure first) and the coded ones after, in round order. The choice is
 * remembered per study in this browser. The server ranks them once per visit to the round
 * (`ranking`), or when the coder asks (`rerank`), and the screen pages that ranking as it pages the round's order.
 */
export function useUnitOrder(studyId: number, roundId: number | undefined) {
  const client = useClient();
  const [order, setOrderState] = useState<UnitOrder>(() =>
    localStorage.getItem(storageKey(studyId)) === 'uncertainty' ? 'uncertainty' : 'position',
  );
  const setOrder = (next: UnitOrder) => {
    localStorage.setItem(storageKey(studyId), next);
    setOrderState(next);
  };
  const ranking = useQuery({
    ...rankingQuery(client, studyId, roundId ?? 0),
    enabled: order === 'uncertainty' && roundId !== undefined,
  });
  // Ranking again (the coder asks once a retrained model would order the units otherwise).
  const rerank = () => void ranking.refetch();
  return { order, setOrder, ranking, rerank };
}

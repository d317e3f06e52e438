import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { uncertaintyQueueQuery, type UnitOrder } from '../../api/suggestions.ts';

const storageKey = (studyId: number) => `threadcoder:unit-order:${studyId}`;

/**
 * Active learning on the coding screen: with "uncertainty", the coder's uncoded units come in
 * the model's order (least sure first) and the coded ones after, in round order. The choice is
 * remembered per study in this browser. The order is fetched once per visit to the round.
 */
export function useUnitOrder<U extends { unitId: number; coded: boolean }>(
  studyId: number,
  roundId: number,
  units: readonly U[],
) {
  const client = useClient();
  const [order, setOrderState] = useState<UnitOrder>(() =>
    localStorage.getItem(storageKey(studyId)) === 'uncertainty' ? 'uncertainty' : 'position',
  );
  const setOrder = (next: UnitOrder) => {
    localStorage.setItem(storageKey(studyId), next);
    setOrderState(next);
  };
  const queue = useQuery({ ...uncertaintyQueueQuery(client, studyId, roundId), enabled: order === 'uncertainty' });
  const ordered = useMemo(() => {
    if (order !== 'uncertainty' || !queue.data) return units;
    const rank = new Map(queue.data.units.map((u, i) => [u.unitId, i]));
    // Ranked as the queue was when fetched: a unit coded since stays in place rather than jumping away.
    const first = units.filter((u) => rank.has(u.unitId)).sort((a, b) => rank.get(a.unitId)! - rank.get(b.unitId)!);
    return [...first, ...units.filter((u) => !first.includes(u))];
  }, [order, queue.data, units]);
  return { order, setOrder, units: ordered };
}

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { type MyUnit, myUnitsQuery } from '../../api/coding.ts';
import { uncertaintyQueueQuery, type UnitOrder } from '../../api/suggestions.ts';

const storageKey = (studyId: number) => `threadcoder:unit-order:${studyId}`;

/**
 * Active learning on the coding screen: with "uncertainty", the coder's uncoded units come in
 * the model's order (least sure first) and the coded ones after, in round order. The choice is
 * remembered per study in this browser. The order is fetched once per visit to the round; it
 * ranks the whole list, so that order loads every unit (the round's order pages them instead:
 * `ordered` is null then).
 */
export function useUnitOrder(studyId: number, roundId: number) {
  const client = useClient();
  const [order, setOrderState] = useState<UnitOrder>(() =>
    localStorage.getItem(storageKey(studyId)) === 'uncertainty' ? 'uncertainty' : 'position',
  );
  const setOrder = (next: UnitOrder) => {
    localStorage.setItem(storageKey(studyId), next);
    setOrderState(next);
  };
  const ranked = order === 'uncertainty';
  const queue = useQuery({ ...uncertaintyQueueQuery(client, studyId, roundId), enabled: ranked });
  const all = useQuery({ ...myUnitsQuery(client, studyId, roundId), enabled: ranked });
  const ordered = useMemo((): readonly MyUnit[] | null => {
    if (!ranked || !queue.data || !all.data) return null;
    const units = all.data.units;
    const rank = new Map(queue.data.units.map((u, i) => [u.unitId, i]));
    // Ranked as the queue was when fetched: a unit coded since stays in place rather than jumping away.
    const first = units.filter((u) => rank.has(u.unitId)).sort((a, b) => rank.get(a.unitId)! - rank.get(b.unitId)!);
    const firstIds = new Set(first.map((u) => u.unitId));
    return [...first, ...units.filter((u) => !firstIds.has(u.unitId))];
  }, [ranked, queue.data, all.data]);
  return { order, setOrder, ordered };
}

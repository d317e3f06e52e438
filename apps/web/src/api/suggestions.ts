import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

type Routes = Client['api']['studies'][':studyId']['suggestions'];

const routes = (client: Client) => client.api.studies[':studyId'].suggestions;
const param = (studyId: number) => ({ studyId: String(studyId) });
const key = (studyId: number) => ['studies', studyId, 'suggestions'] as const;

export type SuggestionEvaluation = InferResponseType<Routes['evaluation']['$get'], 200>;
export type UnitOrder = 'position' | 'uncertainty';

export const evaluationQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'evaluation'],
    queryFn: () => unwrap(routes(client).evaluation.$get({ param: param(studyId) })),
    // While the worker trains, look again shortly.
    refetchInterval: (q) => (q.state.data?.training ? 2_000 : false),
  });

/** The model's suggestions for a unit: the server answers only after the coder's own first pass (or in an assisted round). */
export const unitSuggestionsQuery = (client: Client, studyId: number, unitId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'units', unitId],
    queryFn: () =>
      unwrap(routes(client).units[':unitId'].$get({ param: { ...param(studyId), unitId: String(unitId) } })),
    refetchInterval: (q) => (q.state.data?.training ? 2_000 : false),
  });

export function useSuggestionFeedback(studyId: number, unitId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { codeId: string; decision: 'accepted' | 'rejected' }) =>
      unwrap(
        routes(client).units[':unitId'].feedback.$post({ param: { ...param(studyId), unitId: String(unitId) }, json }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key(studyId), 'units', unitId] }),
  });
}

export function useSetAssisted(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roundId, assisted }: { roundId: number; assisted: boolean }) =>
      unwrap(
        routes(client).rounds[':roundId'].assisted.$put({
          param: { ...param(studyId), roundId: String(roundId) },
          json: { assisted },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
}

export function useTrainModel(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(routes(client).train.$post({ param: param(studyId) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}

import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

// Every query of one study sits under ['studies', studyId], so a change invalidates that prefix.
type StudyApi = Client['api']['studies'][':studyId'];
const param = (studyId: number) => ({ studyId: String(studyId) });

export const studiesQuery = (client: Client) =>
  queryOptions({ queryKey: ['studies'], queryFn: () => unwrap(client.api.studies.$get()) });

export const studyQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId],
    queryFn: () => unwrap(client.api.studies[':studyId'].$get({ param: param(studyId) })),
    // Fetched at start (app/prefetch-route-data.ts) and read by the layout and most tabs: their
    // mounting does not ask again; a change to the study invalidates it.
    staleTime: 10_000,
  });

export const membersQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'members'],
    queryFn: () => unwrap(client.api.studies[':studyId'].members.$get({ param: param(studyId) })),
  });

export const roundsQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'rounds'],
    queryFn: () => unwrap(client.api.studies[':studyId'].rounds.$get({ param: param(studyId) })),
  });

export const progressQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'progress'],
    queryFn: () => unwrap(client.api.studies[':studyId'].progress.$get({ param: param(studyId) })),
  });

export const populationQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'sampling', 'population'],
    queryFn: () => unwrap(client.api.studies[':studyId'].sampling.population.$get({ param: param(studyId) })),
  });

export type AuditFilter = { action?: string; entity?: string; userId?: string; page?: string };
export const auditQuery = (client: Client, studyId: number, filter: AuditFilter) =>
  queryOptions({
    queryKey: ['studies', studyId, 'audit', filter],
    queryFn: () => unwrap(client.api.studies[':studyId'].audit.$get({ param: param(studyId), query: filter })),
    placeholderData: keepPreviousData,
  });

/** Accounts an owner can add as members (any signed-in user may list names). */
export const usersQuery = (client: Client) =>
  queryOptions({ queryKey: ['users'], queryFn: () => unwrap(client.api.users.$get()) });

export type SampleSizeInput = { confidence: number; margin: number; proportion: number; population?: number };
/** Cochran's n: computed by the API, shown by the page. */
export const sampleSizeQuery = (client: Client, input: SampleSizeInput) =>
  queryOptions({
    queryKey: ['sample-size', input],
    queryFn: () =>
      unwrap(
        client.api['sample-size'].$get({
          query: {
            confidence: String(input.confidence),
            margin: String(input.margin),
            proportion: String(input.proportion),
            ...(input.population === undefined ? {} : { population: String(input.population) }),
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export type Study = InferResponseType<StudyApi['$get'], 200>['study'];
export type Round = InferResponseType<StudyApi['rounds']['$get'], 200>['rounds'][number];
export type CoderProgress = InferResponseType<StudyApi['progress']['$get'], 200>['progress'][number];
export type AuditEntry = InferResponseType<StudyApi['audit']['$get'], 200>['entries'][number];
type NewStudy = InferRequestType<Client['api']['studies']['$post']>['json'];
export type StudyPatch = InferRequestType<StudyApi['$patch']>['json'];
export type DrawRequest = InferRequestType<StudyApi['sampling']['draw']['$post']>['json'];
export type DrawResponse = InferResponseType<StudyApi['sampling']['draw']['$post'], 201>;
export type MemberRole = InferRequestType<StudyApi['members']['$post']>['json']['role'];

/** A mutation whose success invalidates `prefix`, so every view of what changed refetches. */
function useStudyMutation<In, Out>(prefix: readonly unknown[], run: (client: Client, input: In) => Promise<Out>) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: prefix }),
  });
}

export const useCreateStudy = () =>
  useStudyMutation(['studies'], (client, json: NewStudy) => unwrap(client.api.studies.$post({ json })));

export const useUpdateStudy = (studyId: number) =>
  useStudyMutation(['studies'], (client, json: StudyPatch) =>
    unwrap(client.api.studies[':studyId'].$patch({ param: param(studyId), json })),
  );

export const useAddMember = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, json: { userId: number; role: MemberRole }) =>
    unwrap(client.api.studies[':studyId'].members.$post({ param: param(studyId), json })),
  );

export const useRemoveMember = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, m: { userId: number; role: MemberRole }) =>
    unwrap(
      client.api.studies[':studyId'].members[':userId'][':role'].$delete({
        param: { ...param(studyId), userId: String(m.userId), role: m.role },
      }),
    ),
  );

export const useCreateRound = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, json: { name: string; kind: Round['kind']; assisted?: boolean }) =>
    unwrap(client.api.studies[':studyId'].rounds.$post({ param: param(studyId), json })),
  );

export const useCloseRound = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, roundId: number) =>
    unwrap(
      client.api.studies[':studyId'].rounds[':roundId'].close.$post({
        param: { ...param(studyId), roundId: String(roundId) },
      }),
    ),
  );

export const useUnblindRound = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, roundId: number) =>
    unwrap(
      client.api.studies[':studyId'].rounds[':roundId'].unblind.$post({
        param: { ...param(studyId), roundId: String(roundId) },
      }),
    ),
  );

export const useReopenRound = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, roundId: number) =>
    unwrap(
      client.api.studies[':studyId'].rounds[':roundId'].reopen.$post({
        param: { ...param(studyId), roundId: String(roundId) },
      }),
    ),
  );

export const useMoveIncomplete = (studyId: number) =>
  useStudyMutation(
    ['studies', studyId],
    (client, { roundId, ...json }: { roundId: number; toRoundId: number; coderIds?: number[] }) =>
      unwrap(
        client.api.studies[':studyId'].rounds[':roundId'].incomplete.$post({
          param: { ...param(studyId), roundId: String(roundId) },
          json,
        }),
      ),
  );

export const useDrawSample = (studyId: number) =>
  useStudyMutation(['studies', studyId], (client, json: DrawRequest) =>
    unwrap(client.api.studies[':studyId'].sampling.draw.$post({ param: param(studyId), json })),
  );

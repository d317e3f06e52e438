import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';

// The study's pinned codebook as members read it (the coding screen shows definitions beside the unit).
// Versions never change once stored, so the answer stays fresh until the study pins another one.
export const codebookQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'codebook'],
    queryFn: () => unwrap(client.api.studies[':studyId'].codebook.$get({ param: { studyId: String(studyId) } })),
    staleTime: 5 * 60_000,
  });

export type StudyCodebook = InferResponseType<Client['api']['studies'][':studyId']['codebook']['$get'], 200>;
export type CodebookCode = StudyCodebook['codebook']['codes'][number];

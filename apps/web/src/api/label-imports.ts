import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

type LabelImportApi = Client['api']['studies'][':studyId']['label-imports'];
export type LabelImportInput = InferRequestType<LabelImportApi['preview']['$post']>['json'];

const param = (studyId: number) => ({ studyId: String(studyId) });

/** What a CSV of labels would write; writes nothing. */
export const usePreviewLabels = (studyId: number) => {
  const client = useClient();
  return useMutation({
    mutationFn: (json: LabelImportInput) =>
      unwrap(client.api.studies[':studyId']['label-imports'].preview.$post({ param: param(studyId), json })),
  });
};

/** Writes the previewed labels; every query of the study may change. */
export const useImportLabels = (studyId: number) => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: LabelImportInput) =>
      unwrap(client.api.studies[':studyId']['label-imports'].$post({ param: param(studyId), json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
};

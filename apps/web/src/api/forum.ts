import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';
import { seriesKey } from './series.ts';

const forum = (client: Client) => client.api.studies[':studyId'].forum;

export const forumDescriptivesQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'forum', 'descriptives'],
    queryFn: () => unwrap(forum(client).descriptives.$get({ param: { studyId: String(studyId) } })),
  });

export function forumDescriptivesCsvUrl(client: Client, studyId: number): string {
  return forum(client)['descriptives.csv'].$url({ param: { studyId: String(studyId) } }).pathname;
}

/** Stores topics or posts per forum category as a series set, for the comparison. */
export function useStoreForumCategorySeries(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: 'topics' | 'posts') =>
      unwrap(forum(client).series.$post({ param: { studyId: String(studyId) }, json: { count } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKey }),
  });
}

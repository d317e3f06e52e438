import { queryOptions } from '@tanstack/react-query';
import { unwrap, type Client } from './client.ts';

const forum = (client: Client) => client.api.studies[':studyId'].forum;

export const forumDescriptivesQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'forum', 'descriptives'],
    queryFn: () => unwrap(forum(client).descriptives.$get({ param: { studyId: String(studyId) } })),
  });

export function forumDescriptivesCsvUrl(client: Client, studyId: number): string {
  return forum(client)['descriptives.csv'].$url({ param: { studyId: String(studyId) } }).pathname;
}

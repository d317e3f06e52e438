import { useParams } from 'react-router';

/** The numeric study id from the route (/studies/:studyId/...). */
export function useStudyId(): number {
  return Number(useParams().studyId);
}

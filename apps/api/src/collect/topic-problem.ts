// Which failures belong to one topic (note it, go on) and which to the whole forum (fail the run).
import { AppError } from '../http/errors.ts';
import { HttpError } from './http.ts';

// The forum will not give these topics to us, now or on a retry: note them and go on.
const REFUSED = new Set([403, 404, 410]);
// Problems of the whole forum, not of one topic (a login page or a CDN challenge instead of JSON,
// a redirect off the site, a blocked address): the run fails with the topic still to do, and a
// resume retries it once the cause is fixed.
const FORUM_PROBLEMS = new Set(['collect.not_json', 'collect.redirect', 'collect.blocked_address', 'collect.no_host']);

/** A refused or malformed topic is one topic's problem; a forum that keeps failing is the run's. */
export function isTopicProblem(err: unknown): err is Error {
  return (
    (err instanceof HttpError && REFUSED.has(err.status)) || (err instanceof AppError && !FORUM_PROBLEMS.has(err.code))
  );
}

// The taxonomy package reports refusals as issues ({ code, message, where }); the API
// answers with the first one in its error envelope, so a person sees the library's own
// words and where the problem is. A file over the size limit is 413, anything else 400.
import type { Result, TaxonomyIssue } from '@threadcoder/taxonomy';
import { AppError } from '../http/errors.ts';

function issueError(first: TaxonomyIssue, count = 1): AppError {
  const more = count > 1 ? ` (${count - 1} more ${count === 2 ? 'problem' : 'problems'} after this one.)` : '';
  const status = first.code === 'codebook_file.too_large' ? 413 : 400;
  return new AppError(first.code, status, `${first.message}${more}`, first.where);
}

/** The value of a successful result; throws the first issue of a failed one. */
export function unwrapResult<T>(result: Result<T>): T {
  if (!result.ok) throw issueError(result.errors[0]!, result.errors.length);
  return result.value;
}

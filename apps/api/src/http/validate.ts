import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { readBody } from './body-reader.ts';
import { AppError } from './errors.ts';

/** Formats a zod issue path like `posts[3].created_at`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
}

/** zValidator that answers bad input with the API's error shape, naming the first bad field. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zodValidator(target, schema);
  if (target !== 'json') return validator;
  // Our reader, not Hono's (http/body-reader.ts); and read before Hono's JSON validator, which
  // would answer a body over the limit or cut short with "Malformed JSON", not our 413 or 400.
  const readFirst: MiddlewareHandler = async (c, next) => {
    await readBody(c);
    return validator(c, next);
  };
  return readFirst as typeof validator;
}

function zodValidator<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = fieldPath(issue?.path ?? []);
      throw new AppError(
        `request.invalid_${target}`,
        400,
        field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid request.'),
        {
          field,
        },
      );
    }
  });
}

import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { AppError } from './errors.ts';

/** Formats a zod issue path like `posts[3].created_at`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** zValidator that answers bad input with the API's error shape, naming the first bad field. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = fieldPath(issue?.path ?? []);
      throw new AppError(`request.invalid_${target}`, 400, field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid request.'), {
        field,
      });
    }
  });
}

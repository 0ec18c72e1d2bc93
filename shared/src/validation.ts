import type { z } from 'zod';
import type { FieldError } from './errors.js';

/** A validation outcome as a value: the parsed data, or every bad field with a sentence for each. */
export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

/** Parse `input` with `schema`; never throws for bad input. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fields: result.error.issues.flatMap(issueToFields) };
}

function issueToFields(issue: z.core.$ZodIssue): FieldError[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key].join('.'),
      message: `Unknown field "${key}". Remove it or check its spelling.`,
    }));
  }
  return [{ path: path.join('.'), message: issue.message }];
}

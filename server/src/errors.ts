import { ERROR_STATUS, ERROR_TEXT, type ErrorCode, type FieldError } from '@duet/shared';

/**
 * An error a person can meet, carrying its code (shared/src/errors.ts). Thrown by services, turned
 * into `{ error: { code, message, fields } }` with the code's status by the HTTP layer.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_TEXT[code],
    readonly fields?: FieldError[],
    /** Extra headers for the response, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** One sentence per bad field: "path: message path: message". */
export function describeFields(fields: readonly FieldError[]): string {
  return fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join(' ');
}

/** 400 validation_failed naming every bad field of `what` ("The request body", "The problem"). */
export function validationError(what: string, fields: FieldError[]): AppError {
  return new AppError('validation_failed', `${what} is not valid. ${describeFields(fields)}`, fields);
}

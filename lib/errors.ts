/**
 * Typed errors, and the one mapping from their codes to HTTP statuses. Messages are written for the
 * person in front of the screen; database details never go in them (they are logged on the server).
 */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  validation: 400,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field path ("email", "patient.nhsNumber") to the messages for that field. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

export function toErrorBody(error: AppError): ErrorBody {
  return error.fields ? { code: error.code, message: error.message, fields: error.fields } : { code: error.code, message: error.message };
}

/** Anything thrown that is not an AppError is a fault of ours: a generic message, details only in the log. */
export function toAppError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  // Two people saving the same new record at the same moment: the database's unique index decides.
  if (databaseErrorCode(error) === "23505") return new AppError("conflict", "This already exists: someone saved it a moment ago. Reload to see it.");
  console.error(`[${context}] unexpected error: ${describeErrorForLog(error)}`);
  return new AppError("unavailable", "Something went wrong on our side and nothing was saved. Please try again.");
}

/** The PostgreSQL error code (SQLSTATE) behind an error, whichever driver or wrapper raised it. */
export function databaseErrorCode(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  for (const c of candidates) {
    const code = (c as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * A line for the server log that never carries patient data: drizzle's query errors put the query's
 * parameters in their message, so only the database's own code and message (from `cause`) are kept.
 */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.name} caused by ${cause.name}${typeof code === "string" ? ` [${code}]` : ""}: ${cause.message}`;
  }
  if (error.message.startsWith("Failed query:")) return `${error.name}: query failed (no cause given)`;
  return `${error.name}: ${error.message}`;
}

/** What every server action returns: data, or a typed error with field messages. Never a thrown 500. */
export type ActionResult<T> = { ok: true; data: T; message?: string } | { ok: false; error: ErrorBody };

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
  // Text the database cannot hold (NUL, a character outside UTF-8) that got past the checks on input: refused, nothing saved.
  if (["22021", "22P05"].includes(databaseErrorCode(error) ?? "")) {
    return new AppError("validation", "Some text contains a character that cannot be stored (a NUL character or half of an emoji): remove it and try again.");
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`[${context}] database unavailable: ${describeErrorForLog(error)}`);
    // A connection lost during COMMIT may have saved the change: the user checks before sending it again.
    return new AppError("unavailable", "The database did not answer (it may be restarting). Reload in a few seconds and check whether this was saved before trying again.");
  }
  console.error(`[${context}] unexpected error: ${describeErrorForLog(error)}`);
  return new AppError("unavailable", "Something went wrong on our side and nothing was saved. Please try again.");
}

// The server's SQLSTATEs for a lost connection (class 08, shutdown 57P01-57P03), and the driver's and socket's own.
const CONNECTION_LOST = /^(08[0-9A-Z]{3}|57P0[123]|CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/;

/** The database could not be reached or dropped the connection (a restart, a failover): worth trying again shortly. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return [error, (error as { cause?: unknown } | null)?.cause].some((c) => {
    const code = (c as { code?: unknown } | null)?.code;
    return typeof code === "string" && CONNECTION_LOST.test(code);
  });
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

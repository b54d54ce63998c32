import { describe, expect, it, vi } from "vitest";
import { AppError, databaseErrorCode, describeErrorForLog, isDatabaseUnavailable, toAppError } from "./errors";

// The shape drizzle gives a failed query: its message carries the query's parameters, the cause the database's error.
function drizzleError(code: string, dbMessage: string) {
  const cause = Object.assign(new Error(dbMessage), { code });
  return Object.assign(new Error('Failed query: insert into "patients" values ($1)\nparams: 9434765919'), { name: "DrizzleQueryError", cause });
}

describe("errors", () => {
  it("an AppError passes through with its status", () => {
    const e = new AppError("conflict", "x");
    expect(toAppError(e, "t")).toBe(e);
    expect(e.status).toBe(409);
  });

  it("a unique violation is a conflict, however it is wrapped", () => {
    expect(databaseErrorCode(drizzleError("23505", "duplicate key"))).toBe("23505");
    expect(toAppError(drizzleError("23505", "duplicate key"), "t")).toMatchObject({ code: "conflict", status: 409 });
  });

  it("anything else is 'unavailable' for the user, and the log line never carries query parameters", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = toAppError(drizzleError("57P01", "terminating connection"), "referral.create");
    expect(e).toMatchObject({ code: "unavailable", status: 503 });
    expect(e.message).not.toMatch(/insert|9434765919/);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toContain("[57P01]");
    expect(line).toContain("terminating connection");
    expect(line).not.toContain("9434765919");
    log.mockRestore();
  });

  it("a lost database connection is 'unavailable' with a reason, from the server, the driver or the socket", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const lost: Error[] = [
      drizzleError("57P01", "terminating connection due to administrator command"),
      drizzleError("57P03", "the database system is starting up"),
      drizzleError("08006", "connection failure"),
      Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" }),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ];
    for (const error of lost) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(toAppError(error, "t")).toMatchObject({ code: "unavailable", status: 503, message: expect.stringContaining("database did not answer") });
    }
    expect(isDatabaseUnavailable(drizzleError("23503", "foreign key violation"))).toBe(false);
    expect(toAppError(drizzleError("42P01", "relation does not exist"), "t").message).not.toContain("database did not answer");
    log.mockRestore();
  });

  it("describeErrorForLog drops a drizzle message when there is no cause", () => {
    expect(describeErrorForLog(new Error("Failed query: select 1\nparams: secret"))).toBe("Error: query failed (no cause given)");
    expect(describeErrorForLog("a string")).toBe("non-error thrown");
  });
});

import { getDb } from "@/db/client";
import { createApiToken } from "@/db/mutations/api-tokens";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { formatNhsNumber, nhsCheckDigit } from "@/lib/domain/nhs-number";
import { makeUser } from "./fixtures";

/**
 * The JSON API as a client calls it: an exported route handler given a real Request with a personal API token,
 * and the context Next.js passes (the dynamic segments as a promise).
 */

export const API_BASE = "http://localhost/api/v1";

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface Answer {
  status: number;
  headers: Headers;
  // The API's JSON, read loosely: each test states the shape it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  token: string;
  /** After /api/v1, or a full URL. */
  path?: string;
  method?: string;
  body?: unknown;
  rawBody?: string;
  /** The [id] segment; `params` for any other. */
  id?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function callResponse(handler: Handler, options: CallOptions): Promise<Response> {
  const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? "POST" : "GET");
  const path = options.path ?? "";
  const request = new Request(path.startsWith("http") ? path : `${API_BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const params = options.params ?? (options.id === undefined ? {} : { id: options.id });
  return handler(request, { params: Promise.resolve(params) });
}

/** A call whose answer is JSON. */
export async function call(handler: Handler, options: CallOptions): Promise<Answer> {
  const response = await callResponse(handler, options);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function tokenFor(userId: string): Promise<{ token: string; tokenId: string }> {
  const generated = generateApiToken();
  const { id } = await getDb().transaction((tx) => createApiToken(tx, { userId, name: "integration", tokenHash: generated.tokenHash, prefix: generated.prefix }));
  return { token: generated.token, tokenId: id };
}

/** A user of the role with a personal API token. */
export async function caller(role: Role, name?: string) {
  const user = await makeUser(role, { name });
  return { ...user, ...(await tokenFor(user.id)) };
}

// Valid NHS numbers (Modulus 11), a different one for each patient in a test file.
let nhsSeed = 400_000_000 + Math.floor(Math.random() * 100_000_000);
export function newNhsNumber(): string {
  for (;;) {
    const nine = String(nhsSeed++);
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

/** A complete, valid referral as the API takes it, for a new patient each time. */
export function referralBody(over: Record<string, unknown> = {}) {
  return {
    nhsNumber: formatNhsNumber(newNhsNumber()),
    givenName: "Margaret",
    familyName: "Jones",
    dateOfBirth: "1950-03-07",
    referrerName: "Dr Patel",
    referrerRole: "gp",
    symptoms: ["severe_lower_back_pain", "limb_numbness_or_weakness"],
    neurology: ["limb_weakness"],
    ...over,
  };
}

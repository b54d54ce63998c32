import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { authenticateBearer } from "@/lib/auth/api-tokens";
import { isAllowed, routeAccess, type RouteMethod, type RoutePath } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError, toAppError, toErrorBody } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/form";
import { unstorableTextFields } from "@/lib/validation/storable-text";

export function jsonError(error: AppError): NextResponse {
  return NextResponse.json({ error: toErrorBody(error) }, { status: error.status, headers: { "cache-control": "no-store" } });
}

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

export interface RouteContext<C> {
  request: Request;
  user: CurrentUser | null;
  /** Set when the request came with a personal API token (for the audit trail). */
  apiTokenId: string | null;
  context: C;
}

/**
 * Every route handler is built with this, naming its own path and method (a test checks it): the access rule
 * comes from the permission matrix; the caller is a session or a personal API token; errors become
 * `{ error: { code, message, fields? } }` with their status, never a 500.
 */
export function defineRoute<P extends RoutePath, C = unknown>(path: P, method: RouteMethod<P>, handler: (ctx: RouteContext<C>) => Promise<Response>) {
  const access = routeAccess(path, method);
  return async (request: Request, context: C): Promise<Response> => {
    try {
      let user: CurrentUser | null = null;
      let apiTokenId: string | null = null;
      if (access.kind !== "public") {
        const bearer = await authenticateBearer(request);
        if (bearer.kind === "invalid") throw new AppError("unauthenticated", "The API token is not valid: it may have been revoked.");
        if (bearer.kind === "user") ({ user, tokenId: apiTokenId } = { user: bearer.user, tokenId: bearer.tokenId });
        else {
          if (method !== "GET") refuseCrossSite(request);
          user = await getCurrentUser();
        }
        if (!user) throw new AppError("unauthenticated", "Sign in, or send a personal API token as Authorization: Bearer <token>.");
        if (!isAllowed(access, user.role)) throw new AppError("forbidden", "Your role does not allow this.");
      }
      return await handler({ request, user, apiTokenId, context });
    } catch (error) {
      return jsonError(toAppError(error, `${method} ${path}`));
    }
  };
}

/**
 * A write authenticated by the session cookie must be JSON from this site: a page elsewhere can make the
 * browser send the cookie with a form (even a text/plain body that parses as JSON), but cannot send
 * Content-Type application/json across sites without the browser asking first. Tokens are not cookies.
 */
function refuseCrossSite(request: Request): void {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    throw new AppError("validation", "Send the body as JSON, with Content-Type: application/json.");
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const allowed = new Set([new URL(request.url).origin]);
  const publicUrl = env().NEXTAUTH_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  if (!allowed.has(origin)) throw new AppError("forbidden", "Cross-site request refused.");
}

const MAX_BODY_BYTES = 1_000_000;

/** The request's JSON body, checked by a schema: 400 with the path of each problem, never a 500. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("validation", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("validation", "The body is not valid JSON.");
  }
  const unstorable = unstorableTextFields(body);
  if (unstorable) throw new AppError("validation", "Some fields hold characters that cannot be stored: see `fields`.", unstorable);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError("validation", "Some fields are not valid: see `fields`.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** A route's dynamic segment, e.g. the referral id. */
export async function routeParam(context: unknown, name: string): Promise<string> {
  const params = (await (context as { params?: Promise<Record<string, string>> }).params) ?? {};
  return params[name] ?? "";
}

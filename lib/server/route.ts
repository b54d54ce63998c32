import "server-only";
import { NextResponse } from "next/server";
import { isAllowed, ROUTE_ACCESS } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, toAppError, toErrorBody } from "@/lib/errors";

type RoutePath = keyof typeof ROUTE_ACCESS;

export function jsonError(error: AppError): NextResponse {
  return NextResponse.json({ error: toErrorBody(error) }, { status: error.status, headers: { "cache-control": "no-store" } });
}

/**
 * Every route handler is built with this, naming its own path (a test checks it): the access rule comes
 * from the permission matrix, errors become `{ error: { code, message } }` with their status, never a 500.
 */
export function defineRoute<C>(path: RoutePath, handler: (ctx: { request: Request; user: CurrentUser | null; context: C }) => Promise<Response>) {
  const access = ROUTE_ACCESS[path];
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = access.kind === "public" ? null : await getCurrentUser();
      if (access.kind !== "public") {
        if (!user) throw new AppError("unauthenticated", "Sign in first.");
        if (!isAllowed(access, user.role)) throw new AppError("forbidden", "Your role does not allow this.");
      }
      return await handler({ request, user, context });
    } catch (error) {
      return jsonError(toAppError(error, path));
    }
  };
}

import type { z } from "zod";
import type { Actor } from "@/db/mutations/referrals";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/form";
import { unstorableTextFields } from "@/lib/validation/storable-text";

/**
 * The query string checked by a schema: 400 with the path of each problem. A name given more than once
 * (`status=new&status=triaged`) arrives as a list.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    const seen = raw[name];
    raw[name] = seen === undefined ? value : ([] as string[]).concat(seen, value);
  }
  const unstorable = unstorableTextFields(raw);
  if (unstorable) throw new AppError("validation", "Some query parameters hold characters that cannot be stored: see `fields`.", unstorable);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("validation", "Some query parameters are not valid: see `fields`.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * The caller of a route that needs sign-in (defineRoute has already refused anyone else), as the actor the
 * mutations record: the user, and the personal API token when the change came through one.
 */
export function callerOf(ctx: { user: CurrentUser | null; apiTokenId: string | null }): { user: CurrentUser; actor: Actor } {
  if (!ctx.user) throw new AppError("unauthenticated", "Sign in, or send a personal API token as Authorization: Bearer <token>.");
  return { user: ctx.user, actor: { id: ctx.user.id, apiTokenId: ctx.apiTokenId } };
}

import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, toAppError, toErrorBody, type ActionResult, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/form";
import { unstorableTextFields } from "@/lib/validation/storable-text";

export type { ActionResult };

export interface ActionSpec<S extends z.ZodType, T, P = undefined> {
  /** area.verb, as in the audit trail: "user.create". */
  name: string;
  permission: Permission;
  input: S;
  /** Slow work that needs no database (hashing a password), done before the transaction opens. */
  prepare?: (input: z.infer<S>) => Promise<P>;
  /** Runs inside one transaction; the mutation it calls writes the audit row in the same transaction. */
  run: (ctx: { tx: Tx; user: CurrentUser; input: z.infer<S>; prepared: P }) => Promise<T>;
  successMessage?: string;
  revalidate?: string[];
}

export const ACTION_SPEC = Symbol.for("mscc.action-spec");

export type ServerAction<T> = ((previous: unknown, formData: FormData) => Promise<ActionResult<T>>) & {
  [ACTION_SPEC]: ActionSpec<z.ZodType, T, unknown>;
};

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue; // React's own fields
    if (typeof value !== "string") continue; // no file uploads here
    out[key] = key in out ? ([] as unknown[]).concat(out[key], value) : value;
  }
  return out;
}

/**
 * The one pipeline every write goes through (architecture house rule 1): who (signed in, 401), may they
 * (role, 403), is the input good (zod, 400 with field messages), then the change and its audit row in one
 * transaction. A failure at any step changes nothing and returns a typed error, never a thrown 500.
 */
export async function runAction<S extends z.ZodType, T, P>(
  spec: ActionSpec<S, T, P>,
  user: CurrentUser | null,
  raw: unknown,
): Promise<ActionResult<T>> {
  try {
    if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again; what you typed is still in the form.");
    if (!can(user.role, spec.permission)) throw new AppError("forbidden", "Your role does not allow this.");
    const unstorable = unstorableTextFields(raw);
    if (unstorable) throw new AppError("validation", "Some answers hold characters that cannot be stored: see the messages beside them.", unstorable);
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) {
      const fields: FieldErrors = fieldErrorsOf(parsed.error);
      throw new AppError("validation", "Some answers need correcting: see the messages beside them.", fields);
    }
    const prepared = (spec.prepare ? await spec.prepare(parsed.data) : undefined) as P;
    const data = await getDb().transaction((tx) => spec.run({ tx, user, input: parsed.data, prepared }));
    return spec.successMessage ? { ok: true, data, message: spec.successMessage } : { ok: true, data };
  } catch (error) {
    return { ok: false, error: toErrorBody(toAppError(error, spec.name)) };
  }
}

export function defineAction<S extends z.ZodType, T, P = undefined>(spec: ActionSpec<S, T, P>): ServerAction<T> {
  const action = async (_previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const result = await runAction(spec, await getCurrentUser(), formDataToObject(formData));
    if (result.ok) for (const path of spec.revalidate ?? []) revalidatePath(path);
    return result;
  };
  return Object.assign(action, { [ACTION_SPEC]: spec as unknown as ActionSpec<z.ZodType, T, unknown> });
}

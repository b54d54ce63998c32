import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

/** zod issues as messages by field path, for showing beside each field (and in the API's `fields`). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

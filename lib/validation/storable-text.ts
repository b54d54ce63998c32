import type { FieldErrors } from "@/lib/errors";

/**
 * PostgreSQL refuses the NUL character in text and jsonb, and a lone UTF-16 surrogate (half an emoji) cannot be
 * written as UTF-8 at all: the driver would store U+FFFD instead of what was sent. Input carrying either is
 * refused up front, naming the field, rather than failing in the database or being stored altered.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE = "Contains a character that cannot be stored (a NUL character or half of an emoji): remove it and try again";

/** The fields (by path) of a parsed body, form or query whose text or key cannot be stored; null when none. */
export function unstorableTextFields(input: unknown): FieldErrors | null {
  const fields: FieldErrors = {};
  // Iterative: a hostile body can nest deeper than the call stack.
  const pending: [value: unknown, path: string][] = [[input, ""]];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === "string") {
      if (!isStorableText(value)) fields[path || "_form"] = [UNSTORABLE_TEXT_MESSAGE];
    } else if (value !== null && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      for (const [key, inner] of Object.entries(value)) {
        const innerPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) fields[path || "_form"] = [UNSTORABLE_TEXT_MESSAGE];
        else pending.push([inner, innerPath]);
      }
    }
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

import "server-only";
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm is a const enum, which isolatedModules cannot read: 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_MIN_LENGTH_VALUE as PASSWORD_MIN_LENGTH } from "@/lib/validation/constants";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash, or against a throwaway hash when there is no account (or no
 * password), so that the answer takes the same time whether or not the account exists.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("no account has this password, it only spends the same time");
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}

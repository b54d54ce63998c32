import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { getDb, type Db } from "../client";
import { users } from "../schema";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  version: number;
  hasPassword: boolean;
  updatedAt: Date;
}

const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  version: users.version,
  passwordHash: users.passwordHash,
  updatedAt: users.updatedAt,
};

function toSummary({ passwordHash, ...rest }: { passwordHash: string | null } & Omit<UserSummary, "hasPassword">): UserSummary {
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function findUserById({ id }: { id: string }, db: Db = getDb()): Promise<UserSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(summaryColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ? toSummary(row) : null;
}

/** Includes the password hash: only for sign-in. */
export async function findUserCredentialsByEmail({ email }: { email: string }, db: Db = getDb()) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

const credentialColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  oidcSubject: users.oidcSubject,
};

/** The account an OpenID Connect identity is pinned to, if any. */
export async function findUserByOidcIdentity({ issuer, subject }: { issuer: string; subject: string }, db: Db = getDb()) {
  const [row] = await db
    .select(credentialColumns)
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .limit(1);
  return row ?? null;
}

export async function findUserByEmail({ email }: { email: string }, db: Db = getDb()) {
  const [row] = await db.select(credentialColumns).from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

export async function listUsers(_: Record<string, never> = {}, db: Db = getDb()): Promise<UserSummary[]> {
  const rows = await db.select(summaryColumns).from(users).orderBy(asc(users.name), asc(users.email));
  return rows.map(toSummary);
}

export async function countUsers(db: Db = getDb()): Promise<number> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id is "not found", never a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

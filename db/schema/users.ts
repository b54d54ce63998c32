import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ROLES } from "@/lib/auth/roles";

export const userRole = pgEnum("user_role", ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index is on the stored value.
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    // Null for accounts that sign in only through OpenID Connect (or demo users without a password).
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    // The OpenID Connect identity pinned to this account at its first OIDC sign-in (issuer and subject).
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references((): AnyPgColumn => users.id),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_oidc_identity_key").on(t.oidcIssuer, t.oidcSubject),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

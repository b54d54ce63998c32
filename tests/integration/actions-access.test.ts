import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setUserActiveAction } from "@/app/(clinical)/admin/users/actions";
import { getDb } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { can } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { listAppFiles } from "../unit/app-routes";
import { makeUser } from "./fixtures";

const actionFiles = listAppFiles().filter((f) => f.kind === "actions");

async function loadActions() {
  const all: { file: string; name: string; action: ServerAction<unknown> }[] = [];
  for (const f of actionFiles) {
    const mod = (await import(path.resolve(import.meta.dirname, "../..", f.file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) all.push({ file: f.file, name, action: value as ServerAction<unknown> });
  }
  return all;
}

/** Every table's whole content, as one digest per table: any insert, update or delete changes it. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = (await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown as
    | { table_name: string }[]
    | { rows: { table_name: string }[] };
  const names = (Array.isArray(tables) ? tables : tables.rows).map((t) => t.table_name);
  const out: Record<string, string> = {};
  for (const name of names) {
    const result = (await getDb().execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(name)} t`)) as unknown as
      | { digest: string }[]
      | { rows: { digest: string }[] };
    out[name] = (Array.isArray(result) ? result : result.rows)[0]?.digest ?? "";
  }
  return out;
}

const asCaller = (made: { id: string; email: string; name: string }, role: Role): CurrentUser => ({ id: made.id, email: made.email, name: made.name, role });

/**
 * Every server action in app/ is built with defineAction (so it has a permission), and for every role, a
 * signed-out visitor and a deactivated user the pipeline refuses or admits exactly as the matrix says; a
 * refusal leaves every table exactly as it was. A raw exported function with no guard fails the first test.
 */
describe("server actions against the permission matrix", () => {
  it("every exported action is a defineAction with a permission", async () => {
    const actions = await loadActions();
    expect(actions.length).toBeGreaterThan(0);
    for (const { file, name, action } of actions) {
      expect(typeof action, `${file} ${name}`).toBe("function");
      expect(action[ACTION_SPEC], `${file} exports ${name} without defineAction`).toBeDefined();
    }
  });

  it("the database fingerprint sees a change (so an unchanged one means nothing was written)", async () => {
    const before = await databaseFingerprint();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["users", "audit_log", "referrals"]));
    await makeUser("registrar");
    const after = await databaseFingerprint();
    expect(after.users).not.toBe(before.users);
    expect(after.audit_log).not.toBe(before.audit_log);
  });

  it("refuses a signed-out visitor with 'unauthenticated' and changes nothing", async () => {
    const before = await databaseFingerprint();
    for (const { file, name, action } of await loadActions()) {
      const result = await runAction(action[ACTION_SPEC], null, {});
      expect(result, `${file} ${name} signed out`).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  it.each(ROLES.map((r) => [r] as const))("as %s: forbidden exactly where the matrix says, and a refusal changes nothing", async (role: Role) => {
    const user = asCaller(await makeUser(role), role);
    const before = await databaseFingerprint();
    for (const { file, name, action } of await loadActions()) {
      const spec = action[ACTION_SPEC];
      // Empty input: an allowed role gets past the guard and stops at validation, changing nothing.
      const result = await runAction(spec, user, {});
      if (can(role, spec.permission)) {
        expect(result, `${file} ${name} as ${role}`).toMatchObject({ ok: false, error: { code: "validation" } });
      } else {
        expect(result, `${file} ${name} as ${role}`).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  it.each(ROLES.map((r) => [r] as const))("a deactivated %s is signed out: every action refused, nothing changed", async (role: Role) => {
    const admin = asCaller(await makeUser("admin"), "admin");
    const made = await makeUser(role);
    const deactivated = await runAction(setUserActiveAction[ACTION_SPEC], admin, { id: made.id, version: "1", active: "false" });
    expect(deactivated).toMatchObject({ ok: true });
    const account = await findUserById({ id: made.id });
    expect(account?.active).toBe(false);
    // getCurrentUser (lib/auth/session.ts) answers null for an inactive account, whatever its session token says.
    const caller: CurrentUser | null = account?.active ? asCaller(made, role) : null;
    const before = await databaseFingerprint();
    for (const { file, name, action } of await loadActions()) {
      const result = await runAction(action[ACTION_SPEC], caller, {});
      expect(result, `${file} ${name} as a deactivated ${role}`).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    }
    expect(await databaseFingerprint()).toEqual(before);
  });
});

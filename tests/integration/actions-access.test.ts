import path from "node:path";
import { describe, expect, it } from "vitest";
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

/**
 * Every server action in app/ is built with defineAction (so it has a permission), and for every role and a
 * signed-out visitor the pipeline refuses or admits exactly as the matrix says. A raw exported function with no
 * guard fails the first test.
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

  it("refuses a signed-out visitor with 'unauthenticated' and changes nothing", async () => {
    for (const { action } of await loadActions()) {
      const result = await runAction(action[ACTION_SPEC], null, {});
      expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    }
  });

  it.each(ROLES.map((r) => [r] as const))("as %s: forbidden exactly where the matrix says", async (role: Role) => {
    const made = await makeUser(role);
    const user: CurrentUser = { id: made.id, email: made.email, name: made.name, role };
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
  });
});

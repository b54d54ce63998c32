import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { createReferral } from "@/db/mutations/referrals";
import { referrals } from "@/db/schema";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { ACTION_SPEC, runAction, type ActionSpec } from "@/lib/server/action";
import { createReferralInput } from "@/lib/validation/referrals";
import { listAppFiles } from "../unit/app-routes";
import { referralBody } from "./api-client";
import { makeUser } from "./fixtures";
import { applyRecipe, bodyRecipe, expectErrorBody, expectStoredAsGiven, expectUnchanged, fieldPaths, formValue, freeTextGiven, snapshotDatabase } from "./hostile";

/**
 * Every server action in app/ (found by walking it, so one added later is covered), run through its real pipeline
 * by a user whose role has its permission, with hostile FormData-shaped payloads: string or string[] values,
 * unknown keys, huge values, valid-looking ids. Never a throw; a refusal has a code and a message and writes
 * nothing; free text that is accepted is stored as given.
 */

type AnySpec = ActionSpec<never, unknown, unknown>;

interface ActionUnderTest {
  file: string;
  name: string;
  spec: AnySpec;
}

async function loadActions(): Promise<ActionUnderTest[]> {
  const found: ActionUnderTest[] = [];
  for (const f of listAppFiles().filter((a) => a.kind === "actions")) {
    const mod = (await import(path.resolve(import.meta.dirname, "../..", f.file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const spec = (value as { [ACTION_SPEC]?: AnySpec } | null)?.[ACTION_SPEC];
      if (!spec) throw new Error(`${f.file} exports ${name} without defineAction: this test cannot run it`);
      found.push({ file: f.file, name, spec });
    }
  }
  return found;
}

const actions = await loadActions();

// Field names the forms send, for the actions given no valid payload here: unknown keys are added besides.
const FORM_FIELDS = ["id", "version", "referralId", "equipmentItemId", "expectedVersion", "intent", "url", "name", "email", "role", "active", "password", "line", "userId", "startsAt", "endsAt", "type", "occurredAt", "data.text", "data.note", "status", "kind", "basedOnVersionId", "serviceName"];

// Coordinators hold most permissions; the administrator has the rest.
const ROLE_PREFERENCE: readonly Role[] = ["coordinator", "admin", "discharge", "registrar"];

describe(`hostile input at every server action on ${getDatabase().engine}`, () => {
  const users = {} as Record<Role, CurrentUser>;
  let referralId = "";
  let userCount = 0;

  beforeAll(async () => {
    for (const role of ROLE_PREFERENCE) {
      const made = await makeUser(role);
      users[role] = { id: made.id, email: made.email, name: made.name, role };
    }
    const referral = createReferralInput.parse(referralBody());
    ({ id: referralId } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: users.coordinator.id }, referral, now: new Date() })));
  });

  const userFor = (permission: Permission): CurrentUser => {
    const role = ROLE_PREFERENCE.find((r) => can(r, permission));
    if (!role) throw new Error(`no role has ${permission}`);
    return users[role];
  };

  async function referralVersion(): Promise<string> {
    const [row] = await getDb().select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
    return String(row?.version ?? 1);
  }

  /** A valid payload as the form would send it, so a hostile field gets past the others; {} for the rest. */
  async function validForm(spec: AnySpec): Promise<Record<string, unknown>> {
    const occurredAt = new Date().toISOString();
    switch (spec.name) {
      case "referral.create":
        return referralBody({ referrerOrganisation: "Royal Infirmary", currentTreatment: "Letrozole", primaryCancer: "Breast", imagingAvailable: "CT 01/11" });
      case "referral.record_event":
        return { referralId, type: "note", occurredAt, expectedVersion: await referralVersion(), "data.text": "Seen on the ward" };
      case "referral.record_assessment":
        return { referralId, type: "physiotherapy_assessed", occurredAt, expectedVersion: await referralVersion(), "data.note": "Walked with a frame" };
      case "referral.triage":
        return { referralId, occurredAt, expectedVersion: await referralVersion(), "data.category": "suspected_mscc", "data.note": "Triage note" };
      case "rehab_plan.save":
        return { referralId, keyWorkerName: "Sam Physio", keyWorkerContact: "Bleep 1234", goals: "Home with a frame" };
      case "equipment.add":
        return { referralId, kind: "other", description: "Perching stool", supplier: "Community equipment", owner: "Ward 4", notes: "Deliver to the ward" };
      case "api_token.create":
        return { name: "Ward dashboard" };
      case "user.create":
        return { email: `hostile-${userCount++}-${Date.now()}@mscc.test`, name: "New Person", role: "registrar", password: "a long enough password" };
      case "webhook.set_url":
        return { intent: "set", url: "https://hooks.example.test/mscc" };
      default:
        return {};
    }
  }

  it("finds the server actions", () => {
    expect(actions.map((a) => a.spec.name)).toEqual(expect.arrayContaining(["referral.create", "referral.record_event", "user.create"]));
  });

  it.each(actions.map((a) => [`${a.spec.name} (${a.name})`, a] as const))("%s: never throws, refusals explained and harmless", async (_name, action) => {
    const user = userFor(action.spec.permission);
    const value = fc.oneof({ weight: 6, arbitrary: formValue }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(referralId, users.registrar.id, "1") });
    const recipe = bodyRecipe(fieldPaths(await validForm(action.spec)), { value, extraKeys: FORM_FIELDS, whole: false });

    await fc.assert(
      fc.asyncProperty(recipe, async (given) => {
        const payload = applyRecipe(await validForm(action.spec), given);
        const what = `${action.file} ${action.name}`;
        const before = await snapshotDatabase();
        let result: Awaited<ReturnType<typeof runAction>>;
        try {
          result = await runAction(action.spec, user, payload);
        } catch (error) {
          throw new Error(`${what} threw instead of returning a result: ${String(error)}`);
        }
        if (result.ok) {
          await expectStoredAsGiven(freeTextGiven(given), what);
          return;
        }
        expectErrorBody({ error: result.error }, what);
        expect(result.error.code, `${what}: ${result.error.message}`).not.toBe("unavailable");
        expectUnchanged(before, await snapshotDatabase(), what);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});

import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { saveServiceContactsAction } from "@/app/(clinical)/admin/settings/actions";
import { getDatabase, getDb } from "@/db/client";
import { saveServiceContacts } from "@/db/mutations/service-contacts";
import { getServiceContacts } from "@/db/queries/service-contacts";
import { auditLog, serviceContactVersions } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { ACTION_SPEC, runAction } from "@/lib/server/action";
import { makeUser } from "./fixtures";

const CHRISTIE = { serviceName: "The Christie MSCC service", coordinatorPhone: "0161 446 3000", acuteOncologyPhone: "0161 446 3658", outOfHoursPhone: "" };

/** The settings form's fields as the browser sends them, through the action's whole pipeline. */
const send = (user: CurrentUser | null, raw: Record<string, unknown>) => runAction(saveServiceContactsAction[ACTION_SPEC], user, raw);
const formOf = (basedOnVersionId: number, contacts: Record<string, string>) => ({ basedOnVersionId: String(basedOnVersionId), ...contacts });

async function signedIn(role: Role, name?: string): Promise<CurrentUser> {
  const made = await makeUser(role, { name });
  return { id: made.id, email: made.email, name: made.name, role };
}

const countVersions = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(serviceContactVersions))[0]?.n ?? 0;
const auditRows = () => getDb().select().from(auditLog).where(eq(auditLog.action, "service_contacts.change"));

describe(`service contact numbers on ${getDatabase().engine}`, () => {
  it("start unset; each save is a new audited version; a stale form is refused naming who changed it, writing nothing", async () => {
    expect(await getServiceContacts()).toBeNull();
    const alice = await makeUser("admin", { name: "Admin Alice" });
    const bob = await makeUser("admin", { name: "Admin Bob" });

    const first = await getDb().transaction((tx) => saveServiceContacts(tx, { actorId: alice.id, basedOnVersionId: 0, contacts: CHRISTIE }));
    expect(await getServiceContacts()).toMatchObject({ id: first.versionId, contacts: CHRISTIE, createdByName: "Admin Alice" });
    const changed = { ...CHRISTIE, outOfHoursPhone: "0161 446 3999" };
    const second = await getDb().transaction((tx) => saveServiceContacts(tx, { actorId: alice.id, basedOnVersionId: first.versionId, contacts: changed }));
    expect(second.versionId).toBeGreaterThan(first.versionId);
    expect(await getServiceContacts()).toMatchObject({ id: second.versionId, contacts: changed });

    const audits = await auditRows();
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.entityId === String(first.versionId))).toMatchObject({ actorId: alice.id, entityType: "service_contacts", before: null, after: CHRISTIE });
    expect(audits.find((a) => a.entityId === String(second.versionId))).toMatchObject({ before: CHRISTIE, after: changed });

    // Bob's form showed the first version: refused, naming Alice, and neither a version nor an audit row is written.
    const stale = getDb().transaction((tx) => saveServiceContacts(tx, { actorId: bob.id, basedOnVersionId: first.versionId, contacts: CHRISTIE }));
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Admin Alice changed the service's contact numbers at") });
    expect(await countVersions()).toBe(2);
    expect(await auditRows()).toHaveLength(2);
  });

  it("versions cannot be edited or deleted", async () => {
    const admin = await makeUser("admin");
    const latest = await getServiceContacts();
    await getDb().transaction((tx) => saveServiceContacts(tx, { actorId: admin.id, basedOnVersionId: latest?.id ?? 0, contacts: CHRISTIE }));
    const cause = async (p: Promise<unknown>) => p.then(() => "no error", (e: { cause?: { message?: string } }) => e.cause?.message);
    expect(await cause(getDb().update(serviceContactVersions).set({ contacts: CHRISTIE }))).toMatch(/service_contact_versions is append-only: UPDATE/);
    expect(await cause(getDb().delete(serviceContactVersions))).toMatch(/service_contact_versions is append-only: DELETE/);
  });

  it("the settings action: an administrator saves; bad numbers come back on their fields; a stale version is a conflict", async () => {
    const admin = await signedIn("admin", "Admin Carol");
    const before = await getServiceContacts();
    const versions = await countVersions();

    const bad = await send(admin, formOf(before?.id ?? 0, { serviceName: "", coordinatorPhone: "+44 161 446 3000", acuteOncologyPhone: "0161 446", outOfHoursPhone: "" }));
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fields: {
          serviceName: ["Enter the service's name"],
          coordinatorPhone: ["Use digits and spaces only (no +44, dashes or brackets), for example 0161 446 3000"],
          acuteOncologyPhone: ["A UK number has 10 or 11 digits; this one has 7"],
        },
      },
    });
    expect(await countVersions()).toBe(versions);

    const saved = await send(admin, formOf(before?.id ?? 0, { ...CHRISTIE, coordinatorPhone: " 0161  446 3001 " }));
    expect(saved).toMatchObject({ ok: true, message: expect.stringContaining("patient information sheet") });
    expect(await getServiceContacts()).toMatchObject({ contacts: { ...CHRISTIE, coordinatorPhone: "0161 446 3001" }, createdByName: "Admin Carol" });

    const stale = await send(admin, formOf(before?.id ?? 0, CHRISTIE));
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("Admin Carol changed the service's contact numbers") } });
    expect(await countVersions()).toBe(versions + 1);
  });

  it.each(["coordinator", "registrar", "discharge"] as const)("the settings action refuses a %s (administrators only) and writes nothing", async (role) => {
    const user = await signedIn(role);
    const latest = await getServiceContacts();
    const versions = await countVersions();
    expect(await send(user, formOf(latest?.id ?? 0, CHRISTIE))).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await countVersions()).toBe(versions);
  });

  it("the settings action refuses a signed-out visitor", async () => {
    expect(await send(null, formOf(0, CHRISTIE))).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });
});

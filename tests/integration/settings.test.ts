import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { savePathwaySettings } from "@/db/mutations/settings";
import { listPathwaySettingsHistory, listPathwaySettingsVersions } from "@/db/queries/settings";
import { auditLog, pathwaySettings } from "@/db/schema";
import { computeClocks, DEFAULT_PATHWAY_SETTINGS } from "@/lib/domain/clocks";
import { pathwaySettingsInput } from "@/lib/validation/settings";
import { makeUser } from "./fixtures";

const HOUR = 3_600_000;

describe(`pathway settings on ${getDatabase().engine}`, () => {
  it("start with no versions (the defaults apply); a change is a new audited version; a stale form is refused naming who changed it", async () => {
    expect(await listPathwaySettingsHistory()).toEqual([]);
    const alice = await makeUser("admin", { name: "Admin Alice" });
    const bob = await makeUser("admin", { name: "Admin Bob" });

    const changed = { ...DEFAULT_PATHWAY_SETTINGS, mriSuspectedMsccMinutes: 12 * 60, atRiskFraction: 0.5 };
    const { versionId } = await getDb().transaction((tx) => savePathwaySettings(tx, { actorId: alice.id, basedOnVersionId: 0, settings: changed }));
    const versions = await listPathwaySettingsVersions();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: versionId, createdByName: "Admin Alice", settings: changed });
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "pathway_settings.change"));
    expect(audit).toMatchObject({ actorId: alice.id, entityId: String(versionId), before: DEFAULT_PATHWAY_SETTINGS, after: changed });

    // Bob's form was opened on the defaults (version 0): his save is refused, naming Alice, and nothing is written.
    const stale = getDb().transaction((tx) => savePathwaySettings(tx, { actorId: bob.id, basedOnVersionId: 0, settings: DEFAULT_PATHWAY_SETTINGS }));
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Admin Alice changed the pathway settings at") });
    expect(await listPathwaySettingsVersions()).toHaveLength(1);
  });

  it("versions cannot be edited or deleted", async () => {
    const admin = await makeUser("admin");
    const [latest] = await listPathwaySettingsVersions();
    await getDb().transaction((tx) => savePathwaySettings(tx, { actorId: admin.id, basedOnVersionId: latest?.id ?? 0, settings: DEFAULT_PATHWAY_SETTINGS }));
    const cause = async (p: Promise<unknown>) => p.then(() => "no error", (e: { cause?: { message?: string } }) => e.cause?.message);
    expect(await cause(getDb().update(pathwaySettings).set({ settings: DEFAULT_PATHWAY_SETTINGS }))).toMatch(/pathway_settings is append-only: UPDATE/);
    expect(await cause(getDb().delete(pathwaySettings))).toMatch(/pathway_settings is append-only: DELETE/);
    expect(await cause(getDb().execute(sql`truncate pathway_settings`))).toMatch(/pathway_settings is append-only: TRUNCATE/);
  });

  it("a change never rewrites a clock that started before it", async () => {
    // An MRI clock for suspected MSCC started 30 h ago and stopped at 20 h: met against 24 h.
    const now = new Date();
    const receivedAt = new Date(now.getTime() - 30 * HOUR);
    const events = [{ id: "e1", type: "imaging_performed" as const, occurredAt: new Date(receivedAt.getTime() + 20 * HOUR), data: { modality: "mri_whole_spine" } }];
    const mriBefore = computeClocks({ category: "suspected_mscc", receivedAt, events, settingsHistory: await listPathwaySettingsHistory() }, now).find((c) => c.id === "mri");

    const admin = await makeUser("admin");
    const [latest] = await listPathwaySettingsVersions();
    await getDb().transaction((tx) =>
      savePathwaySettings(tx, { actorId: admin.id, basedOnVersionId: latest?.id ?? 0, settings: { ...DEFAULT_PATHWAY_SETTINGS, mriSuspectedMsccMinutes: 6 * 60 } }),
    );
    const history = await listPathwaySettingsHistory();
    const mriAfter = computeClocks({ category: "suspected_mscc", receivedAt, events, settingsHistory: history }, now).find((c) => c.id === "mri");
    expect(mriAfter).toEqual(mriBefore);
    expect(mriAfter).toMatchObject({ status: "met", targetMinutes: mriBefore?.targetMinutes });

    // A referral received after the change is measured against the new 6 h target.
    const later = computeClocks({ category: "suspected_mscc", receivedAt: new Date(now.getTime() + 1000), events: [], settingsHistory: history }, new Date(now.getTime() + 7 * HOUR)).find((c) => c.id === "mri");
    expect(later).toMatchObject({ targetMinutes: 360, status: "breached" });
  });
});

describe("the settings form", () => {
  const form = (over: Record<string, string> = {}) => ({
    basedOnVersionId: "0",
    atRiskPercent: "75",
    triageNeurologyMinutes: "1",
    triagePainOnlyMinutes: "24",
    dexamethasoneMinutes: "1",
    mriSuspectedMsccMinutes: "24",
    mriPainOnlyMinutes: "168",
    treatmentPlanSuspectedMsccMinutes: "24",
    treatmentPlanPainOnlyMinutes: "168",
    radiotherapyMinutes: "24",
    physiotherapyMinutes: "24",
    occupationalTherapyMinutes: "48",
    acknowledgementSuspectedMsccMinutes: "0.25",
    acknowledgementPainOnlyMinutes: "4",
    ...over,
  });

  it("turns hours and a percentage into the stored settings", () => {
    expect(pathwaySettingsInput.parse(form())).toEqual({ basedOnVersionId: 0, settings: DEFAULT_PATHWAY_SETTINGS });
    expect(pathwaySettingsInput.parse(form({ triageNeurologyMinutes: "0.5" })).settings.triageNeurologyMinutes).toBe(30);
  });

  it.each([
    ["empty", { mriSuspectedMsccMinutes: "" }, "mriSuspectedMsccMinutes", /Enter the target for MRI, suspected MSCC in hours/],
    ["not a number", { mriSuspectedMsccMinutes: "soon" }, "mriSuspectedMsccMinutes", /MRI, suspected MSCC/],
    ["zero", { radiotherapyMinutes: "0" }, "radiotherapyMinutes", /between 0.25 and 720 hours/],
    ["too long", { mriPainOnlyMinutes: "1000" }, "mriPainOnlyMinutes", /between 0.25 and 720 hours/],
    ["not a quarter hour", { triagePainOnlyMinutes: "1.1" }, "triagePainOnlyMinutes", /quarter hours/],
    ["at risk 100 %", { atRiskPercent: "100" }, "atRiskPercent", /between 5 % and 99 %/],
    ["at risk not whole", { atRiskPercent: "75.5" }, "atRiskPercent", /whole percentage/],
  ])("refuses %s, on its field", (_name, over, field, message) => {
    const result = pathwaySettingsInput.safeParse(form(over));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toMatch(message);
  });
});

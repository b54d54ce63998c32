import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * The "Done when" for rehabilitation and discharge (issue 6, items 1, 2 and 4), tried as the discharge team
 * would: a patient on the rehabilitation step gets a plan and three equipment items, one blocking discharge; the
 * discharge form says it is blocked; delivering the item unblocks it; the discharge reaches the timeline with the
 * destination and ambulatory status. The discharge team has no decision form, and the API refuses it one.
 */
test.use({ storageState: storageStateFor("discharge") });

const HOUR = 3_600_000;
const region = (page: Page, name: string): Locator => page.getByRole("region", { name, exact: true });

/** Created, triaged, best supportive care, then on to rehabilitation: through the JSON API, as the coordinator. */
async function patientOnRehabilitationStep(request: APIRequestContext): Promise<string> {
  const created = await request.post("/api/v1/referrals", {
    data: {
      nhsNumber: syntheticNhsNumber(),
      givenName: "Iris",
      familyName: `Journey-${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
      dateOfBirth: "1947-02-11",
      receivedAt: new Date(Date.now() - 3 * 24 * HOUR).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: ["limb_weakness"],
      ambulatoryStatus: "unable_to_walk",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { referral } = (await created.json()) as { referral: { id: string; version: number } };
  let version = referral.version;
  const events: [string, number, Record<string, unknown>][] = [
    ["triaged", 70, { category: "suspected_mscc" }],
    ["admitted", 65, {}],
    ["score_recorded", 64, { scale: "frankel", value: "C" }],
    ["decision", 60, { decision: "best_supportive_care" }],
    ["status_changed", 50, { to: "rehabilitation" }],
  ];
  for (const [type, hoursAgo, data] of events) {
    const answer = await request.post(`/api/v1/referrals/${referral.id}/events`, {
      data: { type, occurredAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(), expectedVersion: version, data },
    });
    expect(answer.status(), await answer.text()).toBe(201);
    version = ((await answer.json()) as { version: number }).version;
  }
  return referral.id;
}

async function addEquipment(page: Page, kind: string, status: string, options: { blocks?: boolean; expected?: string } = {}): Promise<void> {
  const panel = region(page, "Equipment and adaptations");
  const details = panel.locator("details").filter({ has: page.getByText("Add equipment or an adaptation", { exact: true }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.getByText("Add equipment or an adaptation", { exact: true }).click();
  await details.getByLabel("Equipment or adaptation").selectOption({ label: kind });
  await details.getByLabel("Where it stands").selectOption({ label: status });
  if (options.expected) await details.getByLabel("Expected on").fill(options.expected);
  if (options.blocks) await details.getByLabel("Blocks discharge until delivered").check();
  await details.getByRole("button", { name: "Add the item" }).click();
  await expect(panel.getByRole("status")).toHaveText("Equipment added.");
  await expect(panel.getByRole("heading", { name: kind, exact: true })).toBeVisible();
}

test("the discharge team plans, tracks equipment, is held by the blocking item, and discharges once it is delivered", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const coordinatorApi = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageStateFor("coordinator") });
  const id = await patientOnRehabilitationStep(coordinatorApi);
  await coordinatorApi.dispose();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/referrals/${id}`);
  await expect(page.getByRole("heading", { name: "Rehabilitation and discharge", level: 2 })).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated

  // The discharge team records no clinical decision: no form on the page, and the API refuses it (403).
  await expect(region(page, "Decisions")).toBeVisible();
  await expect(region(page, "Decisions").getByText("Record a decision")).toHaveCount(0);
  const decision = await page.request.post(`/api/v1/referrals/${id}/events`, {
    data: { type: "decision", occurredAt: new Date().toISOString(), expectedVersion: 6, data: { decision: "radiotherapy_planned" } },
  });
  expect(decision.status()).toBe(403);

  // The plan: key worker, every checklist item done except the package of care, going home.
  const plan = region(page, "Rehabilitation plan");
  await plan.getByText("Start the plan", { exact: true }).click();
  await plan.getByLabel("Key worker", { exact: true }).fill("Kim Keyworker");
  await plan.getByLabel("Key worker's phone or bleep").fill("Bleep 4455");
  for (const item of ["Bladder and bowel plan", "Pressure area care", "VTE prophylaxis while immobile", "Steroid reduction plan", "Psychological and family support", "Community and palliative nursing"]) {
    await plan.getByRole("group", { name: item }).getByLabel("Done").check();
  }
  await plan.getByRole("group", { name: /Continuing Healthcare/ }).getByLabel("Not needed").check();
  await plan.getByLabel("Destination").selectOption({ label: "Home" });
  await plan.getByRole("button", { name: "Save the plan" }).click();
  await expect(plan.getByRole("status")).toHaveText("Rehabilitation plan saved.");
  await expect(plan).toContainText("Kim Keyworker (Bleep 4455)");
  await expect(plan.getByRole("row", { name: /Package of care/ })).toContainText("Open");

  // Three items in different states; the hoist blocks discharge.
  await addEquipment(page, "Pressure-relieving mattress", "Delivered");
  await addEquipment(page, "Hoist and slings", "Ordered", { blocks: true, expected: "2030-01-02" });
  await addEquipment(page, "Rails", "Requested");
  const equipment = page.getByRole("list", { name: "Equipment and adaptations" });
  await expect(equipment.getByRole("listitem")).toHaveCount(3);
  const hoist = equipment.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Hoist and slings" }) });
  await expect(hoist).toContainText("Ordered");
  await expect(hoist).toContainText("Blocks discharge for 0 days");
  await expect(hoist).toContainText("02/01/2030");
  await expect(equipment.getByRole("listitem").filter({ hasText: "Pressure-relieving mattress" })).toContainText("Delivered");
  await expect(equipment.getByRole("listitem").filter({ hasText: "Rails" })).toContainText("Requested");

  // The discharge form: blocked by the open checklist item and the hoist.
  const discharge = region(page, "Discharge");
  await expect(discharge.getByRole("table", { name: "At presentation → at discharge" })).toContainText("Unable to walk");
  await expect(discharge.getByRole("table", { name: "At presentation → at discharge" })).toContainText("Frankel C");
  const blockers = discharge.getByRole("region", { name: "Discharge is blocked" });
  await expect(blockers).toContainText("Package of care: not done; give a reason or complete it");
  await expect(blockers).toContainText("Hoist and slings blocks discharge: ordered, expected 02/01/2030");
  const submit = discharge.getByRole("button", { name: "Discharge the patient" });
  await expect(submit).toBeDisabled();
  await discharge.getByLabel("Reason: Package of care").fill("Family will care for her; social worker reviews in a week");
  await expect(blockers).not.toContainText("Package of care");
  await expect(submit).toBeDisabled();

  // Delivering the hoist unblocks the discharge.
  await hoist.locator("summary", { hasText: "Update" }).click();
  await hoist.getByLabel("Status of Hoist and slings").selectOption({ label: "Delivered" });
  await hoist.getByRole("button", { name: "Save Hoist and slings" }).click();
  await expect(hoist).toContainText("Delivered");
  await expect(hoist).not.toContainText("Blocks discharge for");
  await expect(discharge.getByRole("region", { name: "Nothing blocks the discharge" })).toBeVisible();
  await expect(submit).toBeEnabled();

  // Accessible as it stands, wide and on a phone, with nothing scrolling sideways.
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  // Nothing in the section reaches past the screen's edge (each form, table and flag wraps).
  const rehab = page.getByRole("region", { name: "Rehabilitation and discharge", exact: true });
  await expect.poll(() => rehab.evaluate((el) => Math.max(...[el, ...el.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right)))).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  await discharge.getByLabel("Ambulatory status at discharge").selectOption({ label: "Walks with aid" });
  await discharge.getByLabel("Frankel grade at discharge (optional)").selectOption({ index: 4 });
  await submit.click();
  await expect(region(page, "Timeline").getByText("Discharged to home; walks with aid", { exact: true })).toBeVisible();
  await expect(discharge).toContainText("Package of care, left open: Family will care for her; social worker reviews in a week");
  await expect(discharge.getByRole("table", { name: "At presentation → at discharge" })).toContainText("Walks with aid");
  await expect(discharge.getByRole("table", { name: "At presentation → at discharge" })).toContainText("Frankel D");
});

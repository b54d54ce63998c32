import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * The discharge board as the discharge team uses it (issue 6, item 3). Each test makes its own patient (a unique
 * name) and looks at it through a search, never at the whole board, since other tests share the server.
 */
test.use({ storageState: storageStateFor("discharge") });

const uniqueName = (stem: string) => `${stem}${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;

/** A referral taken and brought to the rehabilitation step through the JSON API, as the coordinator. */
async function patientOnRehabilitationStep(request: APIRequestContext, familyName: string): Promise<string> {
  const created = await request.post("/api/v1/referrals", {
    data: {
      nhsNumber: syntheticNhsNumber(),
      givenName: "Iris",
      familyName,
      dateOfBirth: "1947-02-11",
      receivedAt: new Date(Date.now() - 3 * 24 * 3_600_000).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { referral } = (await created.json()) as { referral: { id: string; version: number } };
  let version = referral.version;
  const events: [string, number, Record<string, unknown>][] = [
    ["triaged", 70, { category: "suspected_spinal_metastases" }],
    ["decision", 60, { decision: "best_supportive_care" }],
    ["status_changed", 50, { to: "rehabilitation" }],
  ];
  for (const [type, hoursAgo, data] of events) {
    const answer = await request.post(`/api/v1/referrals/${referral.id}/events`, {
      data: { type, occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(), expectedVersion: version, data },
    });
    expect(answer.status(), await answer.text()).toBe(201);
    version = ((await answer.json()) as { version: number }).version;
  }
  return referral.id;
}

const rowOf = (page: Page, id: string): Locator => page.getByTestId("board-table").locator(`tr[data-referral-id="${id}"]`);

test("the board shows a patient blocked by an item; delivering it in another window updates the board live, keeping its filter", async ({ page, browser, playwright }) => {
  const coordinatorApi = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageStateFor("coordinator") });
  const familyName = uniqueName("Board");
  const id = await patientOnRehabilitationStep(coordinatorApi, familyName);
  await coordinatorApi.dispose();

  // The discharge team's second window: the patient's referral page, where equipment is tracked.
  const other = await browser.newContext({ storageState: storageStateFor("discharge") });
  const referralPage = await other.newPage();
  await referralPage.goto(`/referrals/${id}`);
  await referralPage.getByText("Add equipment or an adaptation").click();
  await referralPage.getByLabel("Equipment or adaptation").selectOption({ label: "Hoist and slings" });
  await referralPage.getByLabel("Where it stands").selectOption({ label: "Ordered" });
  await referralPage.getByLabel("Blocks discharge until delivered").check();
  await referralPage.getByRole("button", { name: "Add the item" }).click();
  await expect(referralPage.getByRole("heading", { name: /Hoist and slings/ })).toBeVisible();

  // The board, searched for this patient: blocked by the hoist, counted in days.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/discharge?q=${familyName}`);
  await expect(page.getByRole("heading", { name: "Discharge board" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connection", "live");
  const row = rowOf(page, id);
  await expect(row.getByTestId("blocked-by")).toContainText("Hoist and slings (under a day)");
  await expect(row.getByTestId("board-state")).toContainText("Not yet medically fit");
  await expect(page.getByTestId("board-table").locator("tbody tr")).toHaveCount(1);
  await expectAccessible(page);

  // Keyboard: Tab reaches the patient, Enter opens the referral.
  const link = row.getByTestId("patient-link");
  await link.focus();
  await expect(link).toBeFocused();

  // Delivered in the other window: the board follows within 2 s, with no reload and the search kept.
  await page.evaluate(() => Object.assign(window, { boardNotReloaded: true }));
  await referralPage.getByText("Update Hoist and slings").click();
  await referralPage.getByLabel("Status of Hoist and slings").selectOption({ label: "Delivered" });
  await referralPage.getByRole("button", { name: "Save Hoist and slings" }).click();
  await expect(row.getByTestId("blocked-by")).not.toContainText("Hoist and slings", { timeout: 2_000 });
  await expect(row.getByTestId("blocked-by")).toContainText("No rehabilitation plan yet");
  await expect(page).toHaveURL(new RegExp(`/discharge\\?q=${familyName}$`));
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(familyName);
  expect(await page.evaluate(() => (window as unknown as { boardNotReloaded?: boolean }).boardNotReloaded)).toBe(true);
  await other.close();

  await link.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/referrals/${id}$`));
});

test("filters live in the address, a phone gets cards, and printing gives the black and white board", async ({ page, playwright }) => {
  const coordinatorApi = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageStateFor("coordinator") });
  const familyName = uniqueName("Print");
  const id = await patientOnRehabilitationStep(coordinatorApi, familyName);
  await coordinatorApi.dispose();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/discharge?q=${familyName}`);
  await expect(rowOf(page, id)).toBeVisible();
  // With no plan the patient is blocked and not medically fit: "not blocked" empties the search, and says why.
  await page.getByLabel("Discharge blocked").selectOption({ label: "Not blocked" });
  await expect(page).toHaveURL(/blocked=no/);
  await expect(page.getByText("No patient on the rehabilitation step matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the filters and search" }).click();
  await page.getByLabel("Search", { exact: true }).fill(familyName);
  await page.getByLabel("Discharge blocked").selectOption({ label: "Blocked" });
  await expect(rowOf(page, id)).toBeVisible();

  // A phone: cards, and the filters fold under a button.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByTestId("board-cards").locator(`li[data-referral-id="${id}"]`)).toBeVisible();
  await expect(page.getByTestId("board-table")).toBeHidden();
  await expect(page.getByRole("button", { name: /Filters \(1 in use\)/ })).toBeVisible();
  await expectAccessible(page);

  // Printing: the printed board only, in black on white; the screen's controls are gone.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: "print" });
  const printed = page.getByTestId("board-print");
  await expect(printed).toBeVisible();
  await expect(printed).toContainText(`${familyName.toUpperCase()}, Iris`);
  await expect(printed).toContainText("Blocked by: No rehabilitation plan yet");
  await expect(printed).toContainText("filtered: blocked only");
  await expect(page.getByTestId("board-table")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print the board" })).toBeHidden();
  const colours = await printed.locator("td").first().evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  expect(colours[0]).toBe("rgb(0, 0, 0)");
  expect(["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"]).toContain(colours[1]);
  await page.emulateMedia({ media: "screen" });
  await expect(printed).toBeHidden();
});

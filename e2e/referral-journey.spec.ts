import { expect, test, type Locator, type Page } from "@playwright/test";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { formatDateTime, parseLondonLocalDateTime, toLondonLocalInput } from "@/lib/domain/time-format";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * The "Done when", tried as a new coordinator would: a referral with leg weakness received 2 hours
 * ago, triaged as suspected MSCC, with its MRI clock due 24 h after receipt. The "MRI performed 30 hours
 * after receipt" cannot go on that referral: 30 h after a receipt 2 h ago is 28 h in the future, and a future
 * clinical time is refused. So a second referral, received 32 hours ago, takes the MRI at receipt + 30 h.
 */
test.use({ storageState: storageStateFor("coordinator") });

const HOUR = 3_600_000;


const suffix = () => Math.random().toString(36).slice(2, 7).toUpperCase();

/** A London wall-clock time as typed into a datetime-local field, and the instant the server reads from it. */
function londonHoursAgo(hours: number): { typed: string; instant: Date } {
  const typed = toLondonLocalInput(new Date(Date.now() - hours * HOUR));
  return { typed, instant: parseLondonLocalDateTime(typed) as Date };
}

async function openIntake(page: Page): Promise<void> {
  await page.goto("/referrals/new");
  await expect(page.getByRole("heading", { level: 1, name: "New referral" })).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated: the live checks are running
}

async function enterReferral(page: Page, patient: { nhsNumber: string; familyName: string; receivedAt: string }): Promise<void> {
  await page.getByLabel("NHS number").fill(patient.nhsNumber);
  await page.getByLabel("Given name").fill("Margaret");
  await page.getByLabel("Family name").fill(patient.familyName);
  await page.getByLabel("Date of birth").fill("1950-03-07");
  await page.getByLabel("Time the referral was received").fill(patient.receivedAt);
  await page.getByLabel("Referrer's name").fill("Dr Priya Shah");
  await page.getByLabel("Referrer's role").selectOption({ label: "GP" });
  await page.getByLabel("Severe, worsening or unremitting lower back pain").check();
  await page.getByLabel("Limb weakness").check();
  await expect(page.getByText("Suggested: Suspected MSCC — neurology recorded")).toBeVisible();
  await page.getByLabel("Walks with aid").check();
}

const timeline = (page: Page): Locator => page.getByRole("region", { name: "Timeline" });

const clockRow = (page: Page, label: string): Locator =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });

test("a bad NHS number is refused beside the field, as it is typed, and nothing is submitted", async ({ page }) => {
  await openIntake(page);
  await expectAccessible(page);
  await page.getByLabel("NHS number").fill("943 476 5918");
  await expect(page.locator("#nhsNumber-error")).toHaveText("This is not a valid NHS number: check the digits");
  await expect(page.getByLabel("NHS number")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Family name").fill("Typed-And-Kept");
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("NHS number: This is not a valid NHS number");
  await expect(page).toHaveURL(/\/referrals\/new$/);
  await expect(page.getByLabel("Family name")).toHaveValue("Typed-And-Kept");
  // The right number passes, shown 3-3-4 once the field is left.
  await page.getByLabel("NHS number").fill("9434765919");
  await page.getByLabel("Given name").focus();
  await expect(page.getByLabel("NHS number")).toHaveValue("943 476 5919");
  await expect(page.locator("#nhsNumber-error")).toHaveCount(0);
});

test("leg weakness received 2 hours ago: created, triaged as suspected MSCC, MRI due 24 h after receipt", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const nhsNumber = syntheticNhsNumber();
  const familyName = `Leg-${suffix()}`;
  const received = londonHoursAgo(2);

  await openIntake(page);
  await enterReferral(page, { nhsNumber, familyName, receivedAt: received.typed });
  await page.getByRole("button", { name: "Submit referral" }).click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referralUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${familyName.toUpperCase()}, Margaret`);
  await expect(page.getByText(formatNhsNumber(nhsNumber), { exact: true })).toBeVisible();
  await expect(page.getByText(formatDateTime(received.instant), { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Incomplete:" })).toContainText("Hospital number");
  await page.waitForLoadState("networkidle");

  // Triage: suspected MSCC is suggested from the neurology and preselected.
  const triage = page.getByRole("region", { name: "Triage" });
  await expect(triage.getByLabel("Suspected MSCC", { exact: true })).toBeChecked();
  await triage.getByLabel("Dexamethasone", { exact: true }).check();
  await triage.getByLabel("Attend hospital", { exact: true }).check();
  await triage.getByRole("button", { name: "Record triage" }).click();
  await expect(timeline(page).getByText("Triaged: Suspected MSCC; advice: Dexamethasone, Attend hospital")).toBeVisible();
  await expect(page.getByTestId("referral-status")).toContainText("Triaged");

  // The MRI clock: due exactly 24 h after receipt (22 h from now), at risk from 18 h.
  const mri = clockRow(page, "MRI");
  await expect(mri).toContainText(formatDateTime(new Date(received.instant.getTime() + 24 * HOUR)));
  await expect(mri).toContainText(formatDateTime(new Date(received.instant.getTime() + 18 * HOUR)));
  await expect(mri.getByTestId("countdown")).toHaveText(/^due in 2[12] h \d+ m$/);
  await expect(mri).toContainText("Running");

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    // A phone shows it without scrolling sideways (only the clock table scrolls, inside its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page);
    const path = testInfo.outputPath(`referral-page-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`referral page at ${width} px`, { path, contentType: "image/png" });
    const clocks = testInfo.outputPath(`referral-clocks-${width}.png`);
    await page.getByRole("region", { name: "Clocks", exact: true }).screenshot({ path: clocks });
    await testInfo.attach(`clocks at ${width} px`, { path: clocks, contentType: "image/png" });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The same patient again: the open referral is shown before anything is saved, and cannot be duplicated.
  await openIntake(page);
  await page.getByLabel("NHS number").fill(nhsNumber);
  const duplicate = page.getByRole("alert").filter({ hasText: "This patient already has an open referral" });
  await expect(duplicate).toBeVisible();
  await expect(duplicate.getByRole("link", { name: "Open the existing referral to add to it" })).toHaveAttribute("href", new URL(referralUrl).pathname);
  await expect(page.getByRole("button", { name: "Submit referral" })).toBeDisabled();

  // The registrar records events but does not triage.
  const registrar = await browser.newContext({ storageState: storageStateFor("registrar") });
  const theirPage = await registrar.newPage();
  await theirPage.goto(referralUrl);
  await expect(theirPage.getByRole("heading", { name: "Record an event" })).toBeVisible();
  await expect(theirPage.getByRole("heading", { name: "Triage", exact: true })).toHaveCount(0);
  await expect(theirPage.getByRole("button", { name: "Record triage" })).toHaveCount(0);
  await registrar.close();
});

test("an MRI 30 h after receipt breaches the MRI clock by 6 h and asks for a reason until one is given", async ({ page }) => {
  test.setTimeout(120_000);
  const received = londonHoursAgo(32);

  await openIntake(page);
  await enterReferral(page, { nhsNumber: syntheticNhsNumber(), familyName: `Late-${suffix()}`, receivedAt: received.typed });
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");

  const record = page.getByRole("region", { name: "Record an event" });
  await record.getByLabel("What happened").selectOption({ label: "Imaging performed" });
  await record.getByLabel("Imaging", { exact: true }).selectOption({ label: "MRI whole spine" });
  await record.getByLabel("When it happened").fill(toLondonLocalInput(new Date(received.instant.getTime() + 30 * HOUR)));
  await record.getByRole("button", { name: "Record", exact: true }).click();
  await expect(timeline(page).getByText("MRI whole spine performed")).toBeVisible();

  const mri = clockRow(page, "MRI");
  await expect(mri.getByTestId("countdown")).toHaveText("breached by 6 h 0 m");
  await expect(mri).toContainText("Breached");
  await expect(mri).toContainText("Reason needed");
  const prompt = page.getByRole("region", { name: "Reason needed: the MRI clock was breached by 6 h 0 m" });
  await expect(prompt).toBeVisible();
  await expectAccessible(page);

  await prompt.getByLabel("MRI capacity").check();
  await prompt.getByRole("button", { name: "Record the reason" }).click();
  await expect(prompt).toHaveCount(0);
  await expect(mri).toContainText("Reason: MRI capacity");
  await expect(mri).not.toContainText("Reason needed");
  await expect(timeline(page).getByText("Breach reason for the MRI clock: MRI capacity")).toBeVisible();
});

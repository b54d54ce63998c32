import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * The "Done when" for the registrar's record (issue 5, items 3-6 and 8): a decision, a dose, an imaging
 * step and a SINS score recorded from the referral page, each in the timeline; refusals shown beside their
 * field; the page and its forms usable at 375 px without scrolling sideways.
 */
test.use({ storageState: storageStateFor("registrar") });

const HOUR = 3_600_000;

const region = (page: Page, name: string): Locator => page.getByRole("region", { name, exact: true });
const timeline = (page: Page): Locator => region(page, "Timeline");

/** A referral with leg weakness, lymphoma suspected, received 3 hours ago, made through the API as the registrar. */
async function openNewReferral(page: Page): Promise<void> {
  const response = await page.request.post("/api/v1/referrals", {
    data: {
      nhsNumber: syntheticNhsNumber(),
      givenName: "Margaret",
      familyName: `Reg-${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
      dateOfBirth: "1950-03-07",
      receivedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: ["limb_weakness"],
      haematologicalSuspected: "lymphoma",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { referral } = (await response.json()) as { referral: { id: string } };
  await page.goto(`/referrals/${referral.id}`);
  await expect(region(page, "Decisions")).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated
}

/** Opens a panel's form (a disclosure, so the page stays short on a phone). */
async function openForm(panel: Locator, summary: string): Promise<void> {
  await panel.getByText(summary, { exact: true }).click();
}

test("the registrar records a decision, a dose, an imaging step and SINS scores; each reaches the timeline", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openNewReferral(page);

  // Decision: radiotherapy planned, which starts the radiotherapy clock.
  const decisions = region(page, "Decisions");
  await expect(decisions).toContainText("No decisions recorded yet.");
  await openForm(decisions, "Record a decision");
  await decisions.getByLabel("Decision", { exact: true }).selectOption({ label: "Radiotherapy planned (decision to treat)" });
  await expect(decisions.getByLabel("Decision to treat (optional)")).toBeVisible();
  await decisions.getByLabel("Details (optional)").fill("8 Gy single fraction agreed with Dr Lee");
  await decisions.getByRole("button", { name: "Sign the decision" }).click();
  await expect(decisions.getByRole("list", { name: "Decisions, newest first" })).toContainText("Radiotherapy planned (decision to treat)");
  await expect(decisions).toContainText("8 Gy single fraction agreed with Dr Lee");
  await expect(decisions).toContainText("Signed by Dr James Okoro");
  await expect(timeline(page).getByText("Decision: Radiotherapy planned (decision to treat)", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Radiotherapy", exact: true }) })).toContainText("Running");

  // Dexamethasone: lymphoma suspected, so a first dose needs the reason; refused beside the field without it.
  const dex = region(page, "Dexamethasone");
  await expect(dex.getByRole("list", { name: "Dexamethasone cautions" })).toContainText("Lymphoma suspected: discuss with a consultant/haematology first");
  await expect(dex).toContainText("Gastric protection");
  await expect(dex).toContainText("Monitor blood glucose");
  await openForm(dex, "Record a dose given");
  await dex.getByRole("button", { name: "Record the dose" }).click();
  await expect(dex.locator("#dose-overrideReason-error")).toContainText("Lymphoma is suspected: discuss with a consultant/haematology before a first dose");
  await expect(dex.getByLabel("Reason for giving it before the haematology discussion")).toHaveAttribute("aria-invalid", "true");
  await dex.getByLabel("Reason for giving it before the haematology discussion").fill("Haematology not reachable; power falling");
  await dex.getByLabel("IV", { exact: true }).check();
  await dex.getByRole("button", { name: "Record the dose" }).click();
  await expect(dex.getByRole("list", { name: "Doses given, newest first" })).toContainText("Dexamethasone 16 mg IV");
  await expect(dex.getByTestId("next-dose")).toContainText("Next daily dose due");
  await expect(dex.getByRole("list", { name: "Dexamethasone cautions" })).not.toContainText("Lymphoma suspected");
  await expect(timeline(page).getByText("Dexamethasone 16 mg IV; given before the haematology discussion: Haematology not reachable; power falling")).toBeVisible();

  // Imaging: a report before the scan is refused beside the step; the scan performed is then recorded.
  const imaging = region(page, "Imaging");
  await openForm(imaging, "Record an imaging step");
  await imaging.getByLabel("Step").selectOption({ label: "Reported" });
  await imaging.getByLabel("Imaging", { exact: true }).selectOption({ label: "MRI whole spine" });
  await imaging.getByLabel("Result").selectOption({ label: "MSCC confirmed" });
  await imaging.getByRole("button", { name: "Record the imaging step" }).click();
  await expect(imaging.locator("#imaging-type-error")).toHaveText("Record the scan as performed before its report.");
  await imaging.getByLabel("Step").selectOption({ label: "Performed" });
  await imaging.getByLabel("PACS accession number (optional)").fill("RX0042");
  await imaging.getByLabel("Image exchange reference (optional)").fill("IEP-2026-77");
  await imaging.getByRole("button", { name: "Record the imaging step" }).click();
  const mri = region(page, "MRI whole spine");
  await expect(mri).toContainText("Performed, awaiting the report");
  await expect(mri).toContainText("PACS accession number: RX0042");
  await expect(mri).toContainText("Image exchange: IEP-2026-77");
  await expect(timeline(page).getByText("MRI whole spine performed (accession RX0042; image exchange IEP-2026-77)")).toBeVisible();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "MRI", exact: true }) })).toContainText("Met");

  // SINS: the live total, band and advice; a second, higher score is flagged as worse.
  const scores = region(page, "Scores");
  await openForm(scores, "Record a score");
  const sins = { location: "junctional", pain: "mechanical", lesion: "lytic", alignment: "normal", collapse: "none", posterolateral: "unilateral" };
  const labels: Record<keyof typeof sins, string> = {
    location: "Location",
    pain: "Pain",
    lesion: "Bone lesion",
    alignment: "Radiographic spinal alignment",
    collapse: "Vertebral body collapse",
    posterolateral: "Posterolateral involvement of spinal elements",
  };
  const enterSins = async (values: typeof sins) => {
    await scores.getByLabel("Score", { exact: true }).selectOption({ label: "SINS" });
    for (const [component, value] of Object.entries(values)) await scores.getByLabel(labels[component as keyof typeof sins], { exact: true }).selectOption(value);
  };
  await enterSins(sins);
  await expect(scores.getByTestId("live-total")).toContainText("SINS total: 9");
  await expect(scores.getByTestId("live-total")).toContainText("Potentially unstable (7-12)");
  await expect(scores.getByTestId("live-total")).toContainText("Surgical opinion advised (SINS 7 or more)");
  await scores.getByRole("button", { name: "Record the score" }).click();
  const history = scores.getByRole("list", { name: "SINS, oldest first" });
  await expect(history).toContainText("SINS 9: potentially unstable; surgical opinion advised");
  await expect(timeline(page).getByText("SINS 9: potentially unstable; surgical opinion advised", { exact: true })).toBeVisible();

  await enterSins({ ...sins, alignment: "de_novo_deformity" });
  await expect(scores.getByTestId("live-total")).toContainText("SINS total: 11");
  await scores.getByRole("button", { name: "Record the score" }).click();
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").nth(1)).toContainText("worse than before");
  await expect(scores).toContainText("Deteriorated: the latest entry is worse than the one before.");

  // Every form open, at desktop and phone widths: no sideways scroll, no serious accessibility violation.
  for (const summary of ["Record a decision", "Record a dose given", "Record an imaging step", "Record a score"]) {
    const details = page.locator("details").filter({ has: page.getByText(summary, { exact: true }) });
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  }
  await scores.getByLabel("Score", { exact: true }).selectOption({ label: "SINS" });
  await imaging.getByLabel("Step").selectOption({ label: "Reported" });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expectAccessible(page);
    const path = testInfo.outputPath(`registrar-record-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`referral page with the registrar's forms at ${width} px`, { path, contentType: "image/png" });
  }
});

test("the discharge team sees the record but no form to add to it", async ({ browser }) => {
  const registrar = await browser.newContext({ storageState: storageStateFor("registrar") });
  const page = await registrar.newPage();
  await openNewReferral(page);
  const url = page.url();
  await registrar.close();

  const discharge = await browser.newContext({ storageState: storageStateFor("discharge") });
  const theirs = await discharge.newPage();
  await theirs.goto(url);
  for (const name of ["Decisions", "Dexamethasone", "Imaging", "Scores"]) await expect(region(theirs, name)).toBeVisible();
  for (const summary of ["Record a decision", "Record a dose given", "Record an imaging step", "Record a score"]) {
    await expect(theirs.getByText(summary, { exact: true })).toHaveCount(0);
  }
  await discharge.close();
});

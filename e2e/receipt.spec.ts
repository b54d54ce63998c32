import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * Issue 5, item 7, tried as the coordinator and the referrer would: the coordinator triages, gives the referrer the
 * reference and link shown once; the referrer, signed out, sees only the reference, the status and the time; when the
 * referral is withdrawn the link says it has expired, exactly as a made-up link does.
 */
test.use({ storageState: storageStateFor("coordinator") });

const suffix = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

async function makeReferral(request: APIRequestContext, patient: { nhsNumber: string; familyName: string }): Promise<string> {
  const response = await request.post("/api/v1/referrals", {
    data: {
      nhsNumber: patient.nhsNumber,
      givenName: "Margaret",
      familyName: patient.familyName,
      dateOfBirth: "1950-03-07",
      receivedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: ["limb_weakness"],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { referral: { id: string } }).referral.id;
}

async function expectNoPatientDetails(page: Page, patient: { nhsNumber: string; familyName: string }): Promise<void> {
  const html = await page.content();
  for (const secret of [patient.familyName, patient.familyName.toUpperCase(), "Margaret", patient.nhsNumber, formatNhsNumber(patient.nhsNumber), "1950", "Priya Shah"]) {
    expect(html, `the status page shows "${secret}"`).not.toContain(secret);
  }
  expect(await page.title()).toBe("Referral status · MSCC Escalation Dashboard");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  const robots = await page.locator('meta[name="robots"]').all();
  expect(robots.length).toBeGreaterThan(0);
  for (const meta of robots) expect(await meta.getAttribute("content")).toContain("noindex");
}

test("the referrer's status link: shown once at triage, no patient details, expired with a 404 once the referral is withdrawn", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const patient = { nhsNumber: syntheticNhsNumber(), familyName: `Receipt${suffix()}` };
  const id = await makeReferral(page.request, patient);
  await page.goto(`/referrals/${id}`);
  await page.waitForLoadState("networkidle");

  const receipt = page.getByRole("region", { name: "Referrer's receipt" });
  await expect(receipt).toContainText("No reference yet");
  await page.getByRole("region", { name: "Triage" }).getByRole("button", { name: "Record triage" }).click();
  await expect(page.getByTestId("referral-status")).toContainText("Triaged");

  const given = receipt.getByRole("status");
  await expect(given).toContainText(/^Give this to the referrer: reference MSCC-\d{6}, status link http:\/\/localhost:\d+\/status\/[A-Za-z0-9_-]{43}\. It is shown only now\.$/);
  const link = await receipt.getByLabel("Status link", { exact: true }).inputValue();
  const reference = (await receipt.getByTestId("receipt-reference").textContent()) ?? "";
  expect(reference).toMatch(/^MSCC-\d{6}$/);
  await expect(given).toContainText(`reference ${reference}, status link ${link}.`);

  // Shown only now: after a reload the reference stays, the link does not.
  await page.reload();
  await expect(receipt.getByTestId("receipt-reference")).toHaveText(reference);
  await expect(receipt.getByLabel("Status link", { exact: true })).toHaveCount(0);

  // The referrer, signed out, in a browser of their own.
  const referrer = await browser.newContext();
  const theirs = await referrer.newPage();
  const opened = await theirs.goto(link);
  expect(opened?.status()).toBe(200);
  expect(new URL(theirs.url()).pathname).toBe(new URL(link).pathname); // not sent to sign in
  await expect(theirs.getByRole("heading", { level: 1 })).toHaveText(`Referral ${reference}`);
  await expect(theirs.getByTestId("status-reference")).toHaveText(reference);
  await expect(theirs.getByTestId("status-label")).toHaveText("Triaged");
  await expect(theirs.getByTestId("status-updated")).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(UK time\)$/);
  await expectNoPatientDetails(theirs, patient);
  await expectAccessible(theirs);
  await theirs.setViewportSize({ width: 375, height: 800 });
  expect(await theirs.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The coordinator withdraws the referral: the link has expired.
  const record = page.getByRole("region", { name: "Record an event" });
  await record.getByLabel("What happened").selectOption({ label: "Status changed" });
  await record.getByLabel("New status").selectOption({ label: "Withdrawn" });
  await record.getByRole("button", { name: "Record", exact: true }).click();
  await expect(page.getByTestId("referral-status")).toContainText("Withdrawn");
  await expect(receipt).toContainText("The referral is closed, so its status link has expired.");
  await expect(receipt.getByRole("button", { name: /status link/ })).toHaveCount(0);

  const expired = await theirs.goto(link);
  expect(expired?.status()).toBe(404);
  await expect(theirs.getByRole("heading", { level: 1 })).toHaveText("This link has expired or is not valid");
  await expectNoPatientDetails(theirs, patient);
  await expect(theirs.getByText(reference)).toHaveCount(0);
  await expectAccessible(theirs);
  const expiredText = await theirs.locator("main").innerText();

  // A link that never existed gets the very same page: nothing tells the two apart.
  const madeUp = await theirs.goto(`/status/${"A".repeat(43)}`);
  expect(madeUp?.status()).toBe(404);
  expect(await theirs.locator("main").innerText()).toBe(expiredText);
  await referrer.close();
});

test("a new status link replaces the old one, after a confirmation", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const patient = { nhsNumber: syntheticNhsNumber(), familyName: `Relink${suffix()}` };
  const id = await makeReferral(page.request, patient);
  await page.goto(`/referrals/${id}`);
  await page.waitForLoadState("networkidle");
  await page.getByRole("region", { name: "Triage" }).getByRole("button", { name: "Record triage" }).click();
  const receipt = page.getByRole("region", { name: "Referrer's receipt" });
  const first = await receipt.getByLabel("Status link", { exact: true }).inputValue();
  const reference = (await receipt.getByTestId("receipt-reference").textContent()) ?? "";

  await receipt.getByRole("button", { name: "Issue a new status link" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue a new status link?" });
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(receipt.getByLabel("Status link", { exact: true })).toHaveValue(first);

  await receipt.getByRole("button", { name: "Issue a new status link" }).click();
  await dialog.getByRole("button", { name: "Issue a new link" }).click();
  await expect(receipt.getByLabel("Status link", { exact: true })).not.toHaveValue(first);
  const second = await receipt.getByLabel("Status link", { exact: true }).inputValue();
  await expect(receipt.getByRole("status")).toContainText(`reference ${reference}, status link ${second}.`);
  await expectAccessible(page);

  const referrer = await browser.newContext();
  const theirs = await referrer.newPage();
  expect((await theirs.goto(first))?.status()).toBe(404);
  expect((await theirs.goto(second))?.status()).toBe(200);
  await expect(theirs.getByTestId("status-reference")).toHaveText(reference);
  await referrer.close();
});

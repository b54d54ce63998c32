import { expect, test, type Browser } from "@playwright/test";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { expectAccessible } from "./support/a11y";
import { SignInPage } from "./support/sign-in-page";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("admin") });

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A registrar of this test's own (so no other test's reads are counted), signed in in a browser of their own. */
async function newRegistrar(browser: Browser, adminPage: import("@playwright/test").Page) {
  const name = `Dr Trail ${unique()}`;
  const email = `trail-${unique()}@mscc.test`;
  const password = "a long enough password";
  await adminPage.goto("/admin/users");
  const form = adminPage.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Full name").fill(name);
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Role").selectOption({ label: ROLE_LABELS.registrar });
  await form.getByLabel("Temporary password").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(adminPage.getByRole("main").getByRole("status")).toContainText("User created");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page.getByTestId("user-name")).toHaveText(name);
  return { name, context, page };
}

test("the administrator finds who looked at a patient's referral, by user and by NHS number", async ({ page, browser }) => {
  // Two browsers, a new user and six page loads: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const registrar = await newRegistrar(browser, page);

  // The registrar opens a referral from the worklist, then its two printables.
  await registrar.page.goto("/worklist");
  await registrar.page.getByTestId("patient-link").first().click();
  await expect(registrar.page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referralId = registrar.page.url().split("/").pop() as string;
  const nhsNumber = (await registrar.page.locator("dt", { hasText: "NHS number" }).locator("+ dd").textContent())?.trim() ?? "";
  expect(nhsNumber).toMatch(/^\d{3} \d{3} \d{4}$/);
  await registrar.page.goto(`/referrals/${referralId}/patient-sheet`);
  await expect(registrar.page.getByRole("button", { name: "Print the sheet" })).toBeVisible();
  await registrar.page.goto(`/referrals/${referralId}/discharge-summary`);
  await expect(registrar.page.getByRole("button", { name: "Print the summary" })).toBeVisible();
  await registrar.context.close();

  // The administrator reaches the trail from the admin pages and filters it.
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Audit trail" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the audit trail" });
  await filters.getByLabel("User").selectOption({ label: registrar.name });
  await filters.getByLabel("Patient's NHS number").fill(nhsNumber);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]patient=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/[?&]user=[0-9a-f-]{36}/);
  // The NHS number is never in the address.
  expect(page.url()).not.toContain(nhsNumber.replace(/ /g, ""));

  // Exactly one row per read: the page and each printable, newest first; the worklist listing is not a read.
  const rows = page.getByRole("table").getByRole("row").filter({ hasText: registrar.name });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("on the discharge summary");
  await expect(rows.nth(1)).toContainText("on the patient information sheet");
  await expect(rows.nth(2)).toContainText("on the referral page");
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i)).toContainText("Looked at a referral");
    await expect(rows.nth(i)).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    await expect(rows.nth(i).getByRole("link", { name: `Referral ${referralId.slice(0, 8)}` })).toHaveAttribute("href", `/referrals/${referralId}`);
  }
  await rows.nth(2).getByText("Details").click();
  await expect(rows.nth(2).locator("pre")).toContainText(`"via": "/referrals/[id]"`);
  await expect(rows.nth(2).locator("pre")).not.toContainText(nhsNumber.replace(/ /g, ""));
  await expect(filters.getByLabel("Patient's NHS number")).toHaveValue(nhsNumber);
  await expectAccessible(page);

  // Filtering by the patient alone still finds the reads; an action that did not happen here finds nothing.
  await filters.getByLabel("User").selectOption({ label: "Anyone" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).not.toHaveURL(/[?&]user=/);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: registrar.name })).toHaveCount(3);
  await filters.getByLabel("Action").selectOption({ label: "Created a user" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing in the audit trail matches these filters." })).toBeVisible();
});

test("an unknown NHS number is said so beside the field; a link with bad filters says what is wrong", async ({ page }) => {
  await page.goto("/admin/audit-trail");
  const filters = page.getByRole("search", { name: "Filter the audit trail" });
  await filters.getByLabel("Patient's NHS number").fill("123");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(filters.getByText("An NHS number has 10 digits")).toBeVisible();
  await expect(filters.getByLabel("Patient's NHS number")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/admin\/audit-trail$/);

  await page.goto("/admin/audit-trail?from=31/02/2026");
  await expect(page.getByRole("alert").filter({ hasText: "cannot be shown as asked" })).toContainText("from: Enter the start date as a date, e.g. 02/12/2026");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Open the audit trail without filters" }).click();
  await expect(page.getByRole("table")).toBeVisible();
});

test.describe("the audit trail is the administrators' alone", () => {
  test.use({ storageState: storageStateFor("coordinator") });
  test("a coordinator gets 403", async ({ page }) => {
    const response = await page.goto("/admin/audit-trail");
    expect(response?.status()).toBe(403);
  });
});

import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { storageStateFor } from "./support/users";

/**
 * The QS56 audit page as the coordinator uses it (issue 7): a period chosen in the form, the measures with the
 * referrals behind each number one click away, the charts with their numbers beside them, and the CSV export.
 * The period is the last 40 days, so the demo data (the last 30 days) is inside it whatever today's date.
 */
test.use({ storageState: storageStateFor("coordinator") });

const londonDate = (instant: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);

test("the audit shows the measures and its charts, a number opens its referrals, and the measures download as CSV", async ({ page }) => {
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit");

  await page.getByLabel("Period", { exact: true }).selectOption({ label: "Custom dates (below)" });
  await page.getByLabel("From (custom)").fill(londonDate(new Date(Date.now() - 40 * 24 * 3_600_000)));
  await page.getByLabel("To (custom)").fill(londonDate(new Date()));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByText(/QS56 audit for \d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}: [1-9]\d* referrals received/)).toBeVisible();

  // Each chart is an image with a summary as its name, and its numbers are in a table beside it.
  await expect(page.getByRole("img", { name: /^Line chart of monthly compliance/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Percentage meeting each standard, by month/ }).getByRole("row")).toHaveCount(13);
  await expect(page.getByRole("img", { name: /^Heat map of [1-9]\d* referrals by weekday and hour/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Referrals by weekday and hour (London time)" }).getByRole("row")).toHaveCount(8);
  await expect(page.getByRole("img", { name: /^Bar chart of [1-9]\d* breached clocks by reason/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Breached clocks by clock and reason" })).toContainText("No reason given");
  for (const id of ["trend-chart", "heat-map", "breach-chart"]) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box?.width, `${id} is drawn`).toBeGreaterThan(200);
  }
  await expectAccessible(page);

  // The numerator of MRI within 24 hours opens exactly that many referrals, each linking to its page.
  const numerator = page.getByRole("link", { name: /^\d+ met the standard: MRI within 24 hours, suspected MSCC$/ });
  const count = Number(await numerator.textContent());
  expect(count).toBeGreaterThan(0);
  await numerator.click();
  await expect(page).toHaveURL(/\/audit\/referrals\?.*measure=mri_suspected_mscc&set=numerator/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("MRI within 24 hours, suspected MSCC: met the standard");
  const rows = page.getByTestId("audit-referrals").locator("tbody tr");
  await expect(rows).toHaveCount(count);
  await expect(rows.first().getByRole("cell").nth(4)).toHaveText("Met");
  await expect(rows.first().getByRole("link")).toHaveAttribute("href", /^\/referrals\/[0-9a-f-]{36}$/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to the audit" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Measures (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mscc-audit-measures-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-\d{8}-\d{4}\.csv$/);
  const lines = fs.readFileSync((await download.path()) as string, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toContain("Measure,Standard,Numerator,Denominator,Percentage");
  expect(lines).toHaveLength(8);
  expect(lines.find((l) => l.includes("MRI within 24 hours, suspected MSCC"))).toContain(`,${count},`);
});

test("a link with a period that is not valid says so instead of failing", async ({ page }) => {
  await page.goto("/audit/referrals?period=2026-13&measure=nonsense");
  const alert = page.getByRole("alert").filter({ hasText: "filters that are not valid" });
  await expect(alert).toContainText("Period: a month (2026-11), a quarter (2026-Q4) or custom");
  await expect(alert).toContainText("Measure: one of the audit's measures");
});

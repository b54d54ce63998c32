import fs from "node:fs";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * The live worklist as the coordinator and the registrar use it (issue 4). The suite runs two workers against
 * one server, so each test makes its own referrals (unique names and NHS numbers) and looks at them through a
 * search or filter, never at the whole list.
 */
test.use({ storageState: storageStateFor("coordinator") });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;


/** A family name no other test (or demo patient) has: letters only, so it can be searched for. */
const uniqueName = (stem: string) =>
  `${stem}${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;

interface Made {
  id: string;
  nhsNumber: string;
  familyName: string;
  hospitalNumber: string;
}

async function makeReferral(
  request: APIRequestContext,
  options: { familyName: string; receivedAgoMs?: number; neurology?: boolean },
): Promise<Made> {
  const nhsNumber = syntheticNhsNumber();
  const hospitalNumber = `RXH${Math.floor(Math.random() * 10_000_000)}`;
  const response = await request.post("/api/v1/referrals", {
    data: {
      nhsNumber,
      givenName: "Margaret",
      familyName: options.familyName,
      dateOfBirth: "1950-03-07",
      hospitalNumber,
      receivedAt: new Date(Date.now() - (options.receivedAgoMs ?? 5 * MINUTE)).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: options.neurology === false ? [] : ["limb_weakness"],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { referral: { id: string } };
  return { id: body.referral.id, nhsNumber, familyName: options.familyName, hospitalNumber };
}

const table = (page: Page): Locator => page.getByTestId("worklist-table");
const rows = (page: Page): Locator => table(page).locator("tbody tr");
const rowOf = (page: Page, id: string): Locator => table(page).locator(`tr[data-referral-id="${id}"]`);

async function openWorklist(page: Page, path = "/worklist"): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Worklist" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connection", "live");
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel("Search", { exact: true }).fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "(\\+|%20)")}`));
}

test("sorting by a column is done by the server and kept in the address", async ({ page }) => {
  const stem = uniqueName("Sortz");
  const made = [await makeReferral(page.request, { familyName: `${stem}b`, receivedAgoMs: 30 * MINUTE }), await makeReferral(page.request, { familyName: `${stem}a`, receivedAgoMs: 10 * MINUTE })];
  await openWorklist(page);
  await search(page, stem);
  await expect(rows(page)).toHaveCount(2);

  await page.getByRole("button", { name: /^Patient/ }).click();
  await expect(page).toHaveURL(/sort=patient/);
  await expect(page.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).first()).toHaveAttribute("data-referral-id", made[1]!.id);

  await page.getByRole("button", { name: /^Patient/ }).click();
  await expect(page).toHaveURL(/sort=patient&dir=desc|dir=desc.*sort=patient|sort=patient.*dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toHaveAttribute("data-referral-id", made[0]!.id);

  // The address reproduces the view in a fresh page.
  const url = page.url();
  const other = await page.context().newPage();
  await openWorklist(other, url);
  await expect(other.getByLabel("Search", { exact: true })).toHaveValue(stem);
  await expect(rows(other).first()).toHaveAttribute("data-referral-id", made[0]!.id);
  await expect(other.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "descending");
});

test("the default order puts breached first, longest overrun first, then running clocks by time left", async ({ page }) => {
  const stem = uniqueName("Orderz");
  // Suspected MSCC: triage due 1 h after receipt. Received 3 h ago: breached by 2 h; 90 min ago: by 30 min;
  // 10 min ago: due in 50 min. Pain only (triage 24 h): due in about 23 h.
  const longest = await makeReferral(page.request, { familyName: `${stem}c`, receivedAgoMs: 3 * HOUR });
  const painOnly = await makeReferral(page.request, { familyName: `${stem}a`, receivedAgoMs: 20 * MINUTE, neurology: false });
  const soon = await makeReferral(page.request, { familyName: `${stem}d`, receivedAgoMs: 10 * MINUTE });
  const shorter = await makeReferral(page.request, { familyName: `${stem}b`, receivedAgoMs: 90 * MINUTE });
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  await expect(rows(page)).toHaveCount(4);
  const order = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-referral-id")));
  expect(order).toEqual([longest.id, shorter.id, soon.id, painOnly.id]);
  await expect(rowOf(page, longest.id).getByTestId("next-clock")).toHaveAttribute("data-state", "breached");
  await expect(rowOf(page, longest.id).getByTestId("next-clock")).toContainText(/Triage breached by 2 h \d+ m/);
  await expect(rowOf(page, soon.id).getByTestId("next-clock")).toContainText(/Triage due in (49|50) m/);
  await expect(rowOf(page, soon.id).getByTestId("next-clock")).toContainText("Running");
});

test("filters by category, status and clock state, and search finds an NHS number with or without spaces, a name or a hospital number", async ({ page }) => {
  const stem = uniqueName("Filterz");
  const mscc = await makeReferral(page.request, { familyName: `${stem}one`, receivedAgoMs: 2 * HOUR });
  const pain = await makeReferral(page.request, { familyName: `${stem}two`, receivedAgoMs: 5 * MINUTE, neurology: false });
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  await expect(rows(page)).toHaveCount(2);

  await page.getByLabel("Category").selectOption({ label: "Suspected spinal metastases" });
  await expect(page).toHaveURL(/category=suspected_spinal_metastases/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-referral-id", pain.id);

  await page.getByLabel("Category").selectOption({ label: "Any" });
  await page.getByLabel("Clock").selectOption({ label: "Breached" });
  await expect(page).toHaveURL(/clock=breached/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-referral-id", mscc.id);

  await page.getByLabel("Clock").selectOption({ label: "Any" });
  await page.getByLabel("Status").selectOption({ label: "Triaged" });
  await expect(page.getByText("No active referrals match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the filters and search" }).click();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");

  for (const term of [formatNhsNumber(mscc.nhsNumber), mscc.nhsNumber, `Margaret ${mscc.familyName}`, `${mscc.familyName}, Margaret`, mscc.hospitalNumber]) {
    await search(page, term);
    await expect(rows(page), `search for ${term}`).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-referral-id", mscc.id);
  }
});

test("a referral entered in one window appears in another within 2 s, keeping its filter, search text and scroll", async ({ page, browser }) => {
  const stem = uniqueName("Livez");
  const first = await makeReferral(page.request, { familyName: `${stem}first`, receivedAgoMs: 20 * MINUTE });
  const watcher = await browser.newContext({ storageState: storageStateFor("registrar"), viewport: { width: 1280, height: 500 } });
  const other = await watcher.newPage();
  // Other tests escalate to the same demo registrar at the same time; their alert appearing or going above the list
  // would move this short page (seen once: 200 px scrolled became 84 when an alert went). This page hears none.
  await other.route("**/api/v1/escalations", (route) => route.fulfill({ json: { generatedAt: Date.now(), escalations: [] } }));
  await openWorklist(other, "/worklist?category=suspected_mscc&pageSize=25");
  await search(other, stem);
  await expect(rows(other)).toHaveCount(1);
  // The registrar keeps typing (not yet sent) and has scrolled: neither is lost when the list updates.
  await other.evaluate(() => window.scrollTo(0, 200));
  const scrollBefore = await other.evaluate(() => window.scrollY);

  const made = await makeReferral(page.request, { familyName: `${stem}second`, receivedAgoMs: 2 * MINUTE });
  const createdAt = Date.now();
  await expect(rowOf(other, made.id)).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - createdAt).toBeLessThan(2_000);
  await expect(rows(other)).toHaveCount(2);
  await expect(other.getByLabel("Search", { exact: true })).toHaveValue(stem);
  await expect(other).toHaveURL(/category=suspected_mscc/);
  expect(await other.evaluate(() => window.scrollY)).toBe(scrollBefore);
  await expect(other.getByTestId("arrivals")).toHaveText("1 new referral on the worklist");
  expect(first.id).not.toBe(made.id);
  await watcher.close();
});

test("when the stream drops the page says so, polls meanwhile, and goes live again when it is back", async ({ page }) => {
  const stem = uniqueName("Dropz");
  let blocked = true;
  await page.route("**/api/v1/worklist/stream", (route) => (blocked ? route.abort("connectionreset") : route.continue()));
  await page.goto("/worklist?view=all");
  await search(page, stem);
  const status = page.getByTestId("live-status");
  await expect(status).toHaveAttribute("data-connection", "reconnecting");
  await expect(status).toContainText("Reconnecting");
  // Polling (every 10 s) still brings a new referral in while the stream is down.
  const made = await makeReferral(page.request, { familyName: stem });
  await expect(rowOf(page, made.id)).toBeVisible({ timeout: 15_000 });
  blocked = false;
  // The backoff tops out at 30 s; the next attempt finds the stream again.
  await expect(status).toHaveAttribute("data-connection", "live", { timeout: 35_000 });
});

test("when the stream drops, the list catches up at once rather than at its next poll", async ({ page }) => {
  const stem = uniqueName("Catchz");
  // The first stream is held open until a referral has been made behind the page's back, then closed with nothing
  // said: whatever it would have announced is lost. Later streams fail, so only the drop itself can bring the row.
  let release!: () => void;
  const madeNow = new Promise<void>((resolve) => (release = resolve));
  let streams = 0;
  await page.route("**/api/v1/worklist/stream", async (route) => {
    if (streams++ > 0) return route.abort("connectionreset");
    await madeNow;
    await route.fulfill({ status: 200, headers: { "content-type": "text/event-stream" }, body: "" });
  });
  await page.goto("/worklist?view=all");
  await search(page, stem);
  // The search has been answered, before the referral exists.
  await expect(page.getByText("No active referrals match these filters.")).toBeVisible();
  const made = await makeReferral(page.request, { familyName: stem });
  release();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connection", "reconnecting");
  // Polling alone would take 10 s.
  await expect(rowOf(page, made.id)).toBeVisible({ timeout: 5_000 });
});

test("an update that fails says so and is tried again by itself, so the rows do not stay stale", async ({ page }) => {
  const stem = uniqueName("Retryz");
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  await expect(page.getByText("No active referrals match these filters.")).toBeVisible();
  let failing = true;
  let refused = 0;
  await page.route(
    (url) => url.pathname === "/api/v1/worklist",
    async (route) => {
      if (!failing) return route.continue();
      refused++;
      await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "The database did not answer in time." } }) });
    },
  );
  // The stream announces the new referral; the list's fetch fails, and nothing more will be announced.
  const made = await makeReferral(page.request, { familyName: stem });
  const problem = page.getByRole("alert").filter({ hasText: "The database did not answer in time." });
  await expect(problem).toBeVisible();
  await expect(problem.getByRole("button", { name: "Try again now" })).toBeVisible();
  failing = false;
  await expect(rowOf(page, made.id)).toBeVisible({ timeout: 8_000 });
  await expect(problem).toHaveCount(0);
  expect(refused).toBeGreaterThan(0);
});

test("a clock crossing its due time turns to breached without a reload", async ({ page }) => {
  const stem = uniqueName("Clockz");
  // Suspected MSCC received 58 min ago: triage (1 h) at risk now, due in 2 minutes.
  const made = await makeReferral(page.request, { familyName: stem, receivedAgoMs: 58 * MINUTE });
  await page.clock.install();
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  const clock = rowOf(page, made.id).getByTestId("next-clock");
  await expect(clock).toHaveAttribute("data-state", "at_risk");
  await expect(clock).toContainText(/Triage due in [12] m/);
  let requests = 0;
  page.on("request", (r) => {
    if (r.resourceType() === "document") requests++;
  });
  // Time stands still first, then jumps (Playwright's "laptop lid" pattern). With the clock still following real
  // time, the jump twice left the row at risk in CI although the page's Date had moved 3 minutes on; the cause
  // was not found, and it did not happen in 18 runs here.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.clock.fastForward("03:00");
  await expect(clock).toHaveAttribute("data-state", "breached");
  await expect(clock).toContainText(/Triage breached by [01] m/);
  expect(requests, "no page reload").toBe(0);
});

test("ward-screen mode shows initials and the last 4 digits of the NHS number only", async ({ page }) => {
  const stem = uniqueName("Wardz");
  const made = await makeReferral(page.request, { familyName: stem });
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  await expect(rowOf(page, made.id)).toContainText(stem.toUpperCase());
  await page.getByLabel("Ward-screen mode").check();
  await expect(page).toHaveURL(/ward=1/);
  // The search still finds the patient, but the name never reaches the page.
  await expect(rowOf(page, made.id)).toContainText("M " + stem.charAt(0).toUpperCase());
  await expect(rowOf(page, made.id)).toContainText(`NHS …${made.nhsNumber.slice(-4)}`);
  await expect(table(page)).not.toContainText(stem.toUpperCase());
  await expect(table(page)).not.toContainText(formatNhsNumber(made.nhsNumber));
  const html = await page.content();
  expect(html).not.toContain(made.nhsNumber);
});

test("the CSV export holds the whole filtered result, not one page, and is audited", async ({ page }) => {
  const stem = uniqueName("Csvz");
  const made: Made[] = [];
  for (let i = 0; i < 3; i++) made.push(await makeReferral(page.request, { familyName: `${stem}${"abc"[i]}`, receivedAgoMs: (i + 1) * 10 * MINUTE }));
  await openWorklist(page, "/worklist?view=all&pageSize=25");
  await search(page, stem);
  await expect(rows(page)).toHaveCount(3);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Export CSV \(3\)/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mscc-worklist-\d{8}-\d{4}\.csv$/);
  const csv = fs.readFileSync((await download.path()) as string, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain("Patient,NHS number,Age,Hospital number,Category,Status");
  expect(lines).toHaveLength(4);
  for (const m of made) {
    const line = lines.find((l) => l.startsWith(m.id));
    expect(line, `${m.familyName} in the CSV`).toBeDefined();
    expect(line).toContain(`"${m.familyName.toUpperCase()}, Margaret"`);
    expect(line).toContain(formatNhsNumber(m.nhsNumber));
    expect(line).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  }

  // More rows than one page: the export is not limited to the page shown.
  const all = await page.request.get("/api/v1/worklist?view=all&pageSize=25");
  const { total } = (await all.json()) as { total: number };
  const whole = await page.request.get("/api/v1/worklist/export?view=all&pageSize=25");
  expect(whole.status()).toBe(200);
  const wholeLines = (await whole.text()).trim().split("\r\n");
  expect(wholeLines.length - 1).toBeGreaterThanOrEqual(Math.min(total, 26));
  expect(total).toBeGreaterThan(25);
});

test("the handover sheet lists every active referral with its clocks and prints on A4 landscape", async ({ page }) => {
  const stem = uniqueName("Handz");
  const made = await makeReferral(page.request, { familyName: stem, receivedAgoMs: 2 * HOUR });
  await page.goto("/worklist/handover");
  await expect(page.getByRole("heading", { level: 1, name: /MSCC handover: \d+ active referrals/ })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: stem.toUpperCase() });
  await expect(row).toContainText("Triage: breached, by 1 h");
  await expect(row).toContainText(formatNhsNumber(made.nhsNumber));
  await expectAccessible(page);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print the handover sheet" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync("test-results/handover-sheet.pdf", pdf);
  // A4 landscape is 842 x 595 points; the first page's MediaBox says which way round it printed.
  const box = /\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  expect(box, "a MediaBox in the PDF").not.toBeNull();
  expect(Math.round(Number(box![1]))).toBe(842);
  expect(Math.round(Number(box![2]))).toBe(595);
});

test("on a 375 px phone the worklist is cards, most urgent first, and the filters fold away", async ({ browser }) => {
  const phone = await browser.newContext({ storageState: storageStateFor("registrar"), viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  const stem = uniqueName("Phonez");
  const breached = await makeReferral(page.request, { familyName: `${stem}b`, receivedAgoMs: 3 * HOUR });
  const running = await makeReferral(page.request, { familyName: `${stem}a`, receivedAgoMs: 5 * MINUTE });
  await openWorklist(page, "/worklist?view=all");
  await expect(page.getByLabel("Clock")).toBeHidden();
  await search(page, stem);
  await expect(table(page)).toBeHidden();
  const cards = page.getByTestId("worklist-cards").locator("li");
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toHaveAttribute("data-referral-id", breached.id);
  await expect(cards.first()).toContainText("Breached");
  await expect(cards.nth(1)).toHaveAttribute("data-referral-id", running.id);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole("button", { name: "Filters" }).click();
  await expect(page.getByLabel("Clock")).toBeVisible();
  await phone.close();
});

test("the keyboard moves through the rows and opens one", async ({ page }) => {
  const stem = uniqueName("Keysz");
  const a = await makeReferral(page.request, { familyName: `${stem}a`, receivedAgoMs: 2 * HOUR });
  const b = await makeReferral(page.request, { familyName: `${stem}b`, receivedAgoMs: 5 * MINUTE });
  await openWorklist(page, "/worklist?view=all");
  await search(page, stem);
  await expect(rows(page)).toHaveCount(2);
  await rowOf(page, a.id).getByTestId("patient-link").focus();
  await page.keyboard.press("ArrowDown");
  await expect(rowOf(page, b.id).getByTestId("patient-link")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(rowOf(page, a.id).getByTestId("patient-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/referrals/${a.id}$`));
});

test("the registrar's view puts referrals escalated to them first, and the discharge view keeps the rehabilitation step only", async ({ page, browser }) => {
  const stem = uniqueName("Escz");
  const breached = await makeReferral(page.request, { familyName: `${stem}a`, receivedAgoMs: 3 * HOUR });
  const escalated = await makeReferral(page.request, { familyName: `${stem}b`, receivedAgoMs: 5 * MINUTE });
  await openWorklist(page);
  const registrarId = await page.getByLabel("Registrar").locator("option", { hasText: "Dr James Okoro" }).getAttribute("value");
  const at = new Date(Date.now() - MINUTE).toISOString();
  const triage = await page.request.post(`/api/v1/referrals/${escalated.id}/events`, {
    data: { type: "triaged", occurredAt: at, expectedVersion: 1, data: { category: "suspected_mscc", advice: [] } },
  });
  expect(triage.status(), await triage.text()).toBe(201);
  const escalate = await page.request.post(`/api/v1/referrals/${escalated.id}/events`, {
    data: { type: "escalated", occurredAt: at, expectedVersion: 2, data: { toUserId: registrarId } },
  });
  expect(escalate.status(), await escalate.text()).toBe(201);

  const registrar = await browser.newContext({ storageState: storageStateFor("registrar") });
  const rpage = await registrar.newPage();
  await openWorklist(rpage);
  await expect(rpage.getByLabel("View")).toHaveValue("");
  await search(rpage, stem);
  // The address shows the search at once; the list follows when the server answers, so wait for the rows.
  await expect
    .poll(() => rows(rpage).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-referral-id"))))
    .toEqual([escalated.id, breached.id]);
  await expect(rowOf(rpage, escalated.id)).toContainText("not acknowledged");
  await registrar.close();

  const discharge = await browser.newContext({ storageState: storageStateFor("discharge") });
  const dpage = await discharge.newPage();
  await openWorklist(dpage);
  const statuses = await rows(dpage).locator("td:nth-child(4)").allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(s).toContain("Rehabilitation and discharge planning");
  await discharge.close();
});

test("the worklist passes the accessibility check, with filters in use and in ward mode", async ({ page }) => {
  await openWorklist(page, "/worklist?view=all&clock=breached&ward=1");
  await expect(rows(page).first()).toBeVisible();
  await expectAccessible(page);
});

test("a link with filters that are not valid says so, rather than showing a list", async ({ page }) => {
  await page.goto("/worklist?clock=late&pageSize=7");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This worklist link has filters that are not valid");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("clock");
  await expect(table(page)).toHaveCount(0);
});

import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { E2E_WEBHOOK_SECRET } from "./support/secret";
import { DEMO, storageStateFor } from "./support/users";

/**
 * Issue 5's "Done when": the coordinator escalates a suspected MSCC referral; the on-call registrar's open page
 * sounds and shows it; not acknowledged in time, it goes to the second line, and the paging system's webhook
 * receiver (a small server in this test) gets the signed calls. The demo rota has the demo registrar first on call
 * and the demo coordinator on the second line around the server's start (db/seed.ts).
 */
test.use({ storageState: storageStateFor("coordinator") });

const MINUTE = 60_000;

async function makeReferral(request: APIRequestContext, receivedAgoMs: number): Promise<{ id: string; nhsNumber: string }> {
  const nhsNumber = syntheticNhsNumber();
  const response = await request.post("/api/v1/referrals", {
    data: {
      nhsNumber,
      givenName: "Winifred",
      familyName: `Escalate${Date.now()}`,
      dateOfBirth: "1947-09-12",
      receivedAt: new Date(Date.now() - receivedAgoMs).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: ["limb_weakness"],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { referral: { id: string } }).referral.id, nhsNumber };
}

/** A signed-in page for a role, with browser notifications allowed and recorded so the test can read them. */
async function openAs(browser: Browser, role: "registrar" | "coordinator", path: string, options: { fakeClock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  await context.grantPermissions(["notifications"]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordedNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? "" });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
  // The page's clock, to move on without waiting: installed before the page's timers start.
  if (options.fakeClock) await page.clock.install();
  await page.goto(path);
  return page;
}

const notificationsOf = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications);
const soundsOf = async (page: Page) => Number(await page.getByTestId("escalation-alerts").getAttribute("data-sound-count"));

test("the on-call registrar's open page sounds and shows the escalation at once; its deadline runs out on the page's clock; one click acknowledges it", async ({ page, browser }) => {
  const referral = await makeReferral(page.request, 10 * MINUTE);

  // The registrar's page is open before the escalation, sound turned on (a click: browsers refuse sound otherwise).
  const registrar = await openAs(browser, "registrar", "/worklist", { fakeClock: true });
  await registrar.getByRole("button", { name: "Turn on sound and notifications" }).click();
  await expect(registrar.getByRole("button", { name: "Turn on sound and notifications" })).toHaveCount(0);
  const soundsBefore = await soundsOf(registrar);

  // The coordinator triages and escalates to whoever is first on call, the rota's choice preselected.
  await page.goto(`/referrals/${referral.id}`);
  const escalateTo = page.getByLabel("Escalate to");
  await expect(escalateTo.locator("option:checked")).toHaveText(`First on call: ${DEMO.registrar.name}`);
  await page.getByRole("button", { name: "Record triage" }).click();
  await expect(page.getByRole("region", { name: "Escalation waiting for acknowledgement" })).toContainText(`to ${DEMO.registrar.name}`);

  // Within 2 seconds or so the registrar's page shows it, sounds, and raises a notification that names no patient.
  const item = registrar.getByTestId("escalation-alert-item").filter({ hasText: `ending ${referral.nhsNumber.slice(-4)}` });
  await expect(item).toBeVisible({ timeout: 5_000 });
  await expect(item).toContainText("Suspected MSCC");
  await expect(item).toContainText(/Acknowledge by \d\d:\d\d \(in 1[45] m\)/);
  await expect.poll(() => soundsOf(registrar)).toBeGreaterThan(soundsBefore);
  const notifications = await notificationsOf(registrar);
  expect(notifications.some((n) => n.title === "MSCC escalation for you" && n.body.startsWith("Suspected MSCC: Acknowledge by"))).toBe(true);
  expect(JSON.stringify(notifications)).not.toContain("Winifred");
  await expectAccessible(registrar);

  // Left for the set time (15 minutes), the page's own clock says it is overdue without a request.
  await registrar.clock.fastForward("16:00");
  await expect(item).toContainText(/Overdue by \d+ m: going to the second line/);

  await item.getByRole("button", { name: "Acknowledge" }).click();
  await expect(registrar.getByRole("status").filter({ hasText: `Acknowledged: W E, NHS number ending ${referral.nhsNumber.slice(-4)}` })).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: "Escalation waiting for acknowledgement" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Escalation acknowledged");
  await registrar.context().close();
});

// The webhook address is one setting for the whole server: the journeys that change it run in this one file, in order.
const addressState = (page: Page) => page.getByTestId("webhook-address");

test.describe("the webhook address, as an administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sets the address and sees it, is told beside the field when it is not https, and turns it off after a confirmation", async ({ page }) => {
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { level: 2, name: "Escalation webhook" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("webhook-secret")).toHaveText(/MSCC_WEBHOOK_SECRET is (not )?set/);
    await expect(page.getByRole("region", { name: "Checking the signature" })).toContainText("X-MSCC-Signature");
    await page.waitForLoadState("networkidle");
    const previous = (await page.getByLabel("Webhook address").inputValue()) || null;

    const field = page.getByLabel("Webhook address");
    await field.fill("http://paging.trust.example/mscc");
    await page.getByRole("button", { name: "Save address" }).click();
    await expect(page.locator("#webhook-url-error")).toHaveText("Use https:// (plain http:// only to this machine: localhost, 127.0.0.1 or [::1])");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveValue("http://paging.trust.example/mscc");

    const address = `https://paging.trust.example/mscc/${Date.now()}`;
    await field.fill(address);
    await page.getByRole("button", { name: "Save address" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(addressState(page)).toContainText(`On: escalations are posted to ${address}`);
    await page.reload();
    await expect(addressState(page)).toContainText(`On: escalations are posted to ${address}`);
    await expect(page.getByLabel("Webhook address")).toHaveValue(address);

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expectAccessible(page);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("button", { name: "Turn the webhook off" }).click();
    await page.getByRole("dialog", { name: "Turn the escalation webhook off?" }).getByRole("button", { name: "Turn off" }).click();
    await expect(addressState(page)).toContainText("Off: no address is set, so no escalation is posted.");

    // Leave the address as it was for the other journeys on this server.
    if (previous) {
      await page.getByLabel("Webhook address").fill(previous);
      await page.getByRole("button", { name: "Save address" }).click();
      await expect(addressState(page)).toContainText(previous);
    }
  });
});

test.describe("the webhook address, as a coordinator", () => {
  test.use({ storageState: storageStateFor("coordinator") });

  test("the page is refused with 403", async ({ page }) => {
    const response = await page.goto("/admin/webhooks");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
    await expect(page.getByLabel("Webhook address")).toHaveCount(0);
  });
});

test("not acknowledged by its deadline, it goes to the second line: marked on the worklist, shown to the second line, and the webhook receiver gets both signed calls", async ({ page, browser }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/paging`;

  try {
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/webhooks");
    await adminPage.getByLabel("Webhook address").fill(url);
    await adminPage.getByRole("button", { name: "Save address" }).click();
    await expect(adminPage.getByTestId("webhook-address")).toContainText(url);

    // Escalated by telephone 25 minutes ago and entered now: its 15 minutes ran out 10 minutes ago.
    const referral = await makeReferral(page.request, 40 * MINUTE);
    const at = new Date(Date.now() - 25 * MINUTE).toISOString();
    const triage = await page.request.post(`/api/v1/referrals/${referral.id}/events`, {
      data: { type: "triaged", occurredAt: at, expectedVersion: 1, data: { category: "suspected_mscc", advice: [] } },
    });
    expect(triage.status(), await triage.text()).toBe(201);
    const coordinator = await openAs(browser, "coordinator", `/worklist?view=all&q=${referral.nhsNumber}`);
    const escalate = await page.request.post(`/api/v1/referrals/${referral.id}/events`, { data: { type: "escalated", occurredAt: at, expectedVersion: 2, data: {} } });
    expect(escalate.status(), await escalate.text()).toBe(201);

    // The sweep sends it on within a couple of seconds; the second line (the coordinator) sees it without a reload.
    const item = coordinator.getByTestId("escalation-alert-item").filter({ hasText: `ending ${referral.nhsNumber.slice(-4)}` });
    await expect(item).toContainText("Not acknowledged in time: it has gone to the second line", { timeout: 10_000 });
    await expect(coordinator.getByTestId("worklist-table").locator(`tr[data-referral-id="${referral.id}"]`)).toContainText("sent to the second line");

    await page.goto(`/referrals/${referral.id}`);
    await expect(page.getByRole("region", { name: "Escalation not acknowledged in time" })).toContainText(`Sent to the second line, ${DEMO.coordinator.name}`);
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline).toContainText(`Not acknowledged in time: escalated to the second line, ${DEMO.coordinator.name}`);
    await expect(timeline).toContainText("The system (automatic escalation)");

    // The paging system heard both steps, each signed with the shared key over "<timestamp>.<body>".
    await expect.poll(() => received.filter((r) => r.body.includes(referral.id)).length, { timeout: 15_000 }).toBe(2);
    const calls = received.filter((r) => r.body.includes(referral.id)).map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, unknown> }));
    expect(calls.map((c) => c.json.type).sort()).toEqual(["escalation.created", "escalation.second_line"]);
    for (const call of calls) {
      const timestamp = String(call.headers["x-mscc-timestamp"]);
      const expected = `sha256=${createHmac("sha256", E2E_WEBHOOK_SECRET).update(`${timestamp}.${call.body}`).digest("hex")}`;
      expect(call.headers["x-mscc-signature"]).toBe(expected);
      expect(call.json.link).toBe(new URL(`/referrals/${referral.id}`, page.url()).toString());
      expect(call.body).not.toContain("Winifred");
      expect(call.body).not.toContain(referral.nhsNumber);
    }
    const second = calls.find((c) => c.json.type === "escalation.second_line");
    expect(second?.json).toMatchObject({ level: 2, to: { name: DEMO.coordinator.name } });

    // The administrators see each attempt.
    await adminPage.reload();
    await expect(adminPage.getByRole("main")).toContainText("Delivered");

    // The second line takes it.
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await expect(item).toHaveCount(0);
    await admin.close();
    await coordinator.context().close();
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

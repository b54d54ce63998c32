import { expect, test, type Page } from "@playwright/test";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * Stored XSS (issue 8, item 1): a referral whose every free-text field, and a note on it, holds markup that would
 * run script if it were rendered as HTML. Every page that shows it shows the text literally and runs nothing;
 * the API gives the text back exactly as it was sent.
 */
test.use({ storageState: storageStateFor("coordinator") });
test.describe.configure({ mode: "serial" });

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = `<img src=x onerror="window.__xss=1">`;
const JS_URL = "javascript:window.__xss=1";
const SVG = `"><svg onload="window.__xss=1">`;
const ALL = `${SCRIPT} ${IMG} ${JS_URL} ${SVG}`;
const unique = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
// The family name carries a unique word so the worklist and the board can be searched for this patient alone.
const FAMILY = `Xss${unique} ${SVG}`;

// Each free-text field of the referral, within its length limit (lib/validation/referrals).
const REFERRAL_TEXT = {
  givenName: SCRIPT,
  familyName: FAMILY,
  hospitalNumber: JS_URL,
  phone: IMG,
  referrerName: ALL,
  referrerOrganisation: ALL,
  referrerContact: `${IMG} ${JS_URL}`,
  primaryCancer: ALL,
  currentTreatment: ALL,
  previousSpinalRadiotherapyLevel: SCRIPT,
  imagingAvailable: ALL,
};
const MINUTE = 60_000;

let referralId = "";

// The worklist and the board render a table and, for small screens, hidden cards: the one on screen counts.
const shown = (page: Page, text: string) => page.getByText(text).filter({ visible: true }).first();

/** Opens a page and checks that nothing ran: no flag set, no dialog, no injected element. */
async function openInert(page: Page, url: string): Promise<void> {
  const dialogs: string[] = [];
  const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  page.on("dialog", onDialog);
  await page.goto(url);
  await page.waitForLoadState("load");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `script ran on ${url}`).toBeUndefined();
  expect(dialogs, `dialogs on ${url}`).toEqual([]);
  await expect(page.locator('img[src="x"], svg[onload], img[onerror]'), `markup injected on ${url}`).toHaveCount(0);
  page.off("dialog", onDialog);
}

test("a referral and a note full of markup are stored exactly as sent", async ({ page }) => {
  const created = await page.request.post("/api/v1/referrals", {
    data: {
      ...REFERRAL_TEXT,
      nhsNumber: syntheticNhsNumber(),
      dateOfBirth: "1950-03-07",
      receivedAt: new Date(Date.now() - 3 * 60 * MINUTE).toISOString(),
      referrerRole: "gp",
      symptoms: ["severe_lower_back_pain"],
      neurology: ["limb_weakness"],
      previousSpinalRadiotherapy: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { referral: { id: string; version: number } };
  referralId = body.referral.id;
  let version = body.referral.version;
  // To the rehabilitation step, so the discharge board lists it too; the note carries every payload.
  const events: [string, number, Record<string, unknown>][] = [
    ["triaged", 150, { category: "suspected_mscc", note: ALL }],
    ["note", 120, { text: ALL }],
    ["decision", 90, { decision: "best_supportive_care", note: ALL }],
    ["status_changed", 60, { to: "rehabilitation", note: ALL }],
  ];
  for (const [type, minutesAgo, data] of events) {
    const answer = await page.request.post(`/api/v1/referrals/${referralId}/events`, {
      data: { type, occurredAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString(), expectedVersion: version, data },
    });
    expect(answer.status(), await answer.text()).toBe(201);
    version = ((await answer.json()) as { version: number }).version;
  }

  const read = await page.request.get(`/api/v1/referrals/${referralId}`);
  expect(read.status()).toBe(200);
  const detail = (await read.json()) as { patient: Record<string, unknown>; referral: Record<string, unknown>; events: { type: string; data: Record<string, unknown> }[] };
  const stored = { ...detail.referral, ...detail.patient };
  for (const [field, text] of Object.entries(REFERRAL_TEXT)) expect(stored[field], field).toBe(text);
  expect(detail.events.find((e) => e.type === "note")?.data.text).toBe(ALL);
});

// Each view of the referral, with the text it must show literally.
const VIEWS: { name: string; url: () => string; texts: string[] }[] = [
  { name: "the worklist", url: () => `/worklist?view=all&q=Xss${unique}`, texts: [`Xss${unique}`] },
  { name: "the referral page", url: () => `/referrals/${referralId}`, texts: [SVG, SCRIPT, ALL] },
  { name: "the handover sheet", url: () => "/worklist/handover", texts: [`Xss${unique}`] },
  { name: "the patient information sheet", url: () => `/referrals/${referralId}/patient-sheet`, texts: [`Xss${unique}`] },
  { name: "the discharge summary", url: () => `/referrals/${referralId}/discharge-summary`, texts: [`Xss${unique}`] },
  { name: "the discharge board", url: () => `/discharge?q=Xss${unique}`, texts: [`Xss${unique}`] },
];

for (const view of VIEWS) {
  test(`${view.name} shows the markup as text and runs none of it`, async ({ page }) => {
    await openInert(page, view.url());
    for (const text of view.texts) await expect(shown(page, text), text).toBeVisible();
  });
}

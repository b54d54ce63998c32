import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { expectAccessible } from "./support/a11y";
import { syntheticNhsNumber } from "./support/nhs";
import { storageStateFor } from "./support/users";

/**
 * Issue 6, items 5 and 6: the administrator sets the service's numbers; the discharge team opens the patient
 * information sheet (for a patient and blank) and the discharge summary, each accessible on screen and printed to
 * an A4 PDF with no navigation or buttons on the paper.
 */
test.use({ storageState: storageStateFor("discharge") });
test.describe.configure({ mode: "serial" });

const MINUTE = 60_000;
const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(Math.random() * 10))).join("");
const suffix = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
// New on every run, so a number on the sheet can only have come from this run's settings.
const NUMBERS = { coordinator: `0161 446 ${digits(4)}`, outOfHours: `0161 447 ${digits(4)}` };
const SERVICE = `Riverside MSCC service ${suffix()}`;
const PATIENT = { nhsNumber: syntheticNhsNumber(), givenName: "Margaret", familyName: `Printz${suffix()}` };
const PDF_DIR = path.join("test-results", "printables");

async function makeReferral(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/referrals", {
    data: {
      ...PATIENT,
      dateOfBirth: "1950-03-07",
      receivedAt: new Date(Date.now() - 90 * MINUTE).toISOString(),
      referrerName: "Dr Priya Shah",
      referrerRole: "gp",
      symptoms: ["upper_back_or_neck_pain"],
      neurology: ["limb_weakness"],
      ambulatoryStatus: "walks_with_aid",
      primaryCancer: "Prostate",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const id = ((await response.json()) as { referral: { id: string } }).referral.id;
  // The pathway so far, as the coordinator records it, for the summary to show.
  let version = 1;
  const record = async (minutesAgo: number, type: string, data: Record<string, unknown>) => {
    const r = await request.post(`/api/v1/referrals/${id}/events`, { data: { type, occurredAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString(), expectedVersion: version, data } });
    expect(r.status(), await r.text()).toBe(201);
    version = ((await r.json()) as { version: number }).version;
  };
  await record(80, "triaged", { category: "suspected_mscc", advice: [] });
  await record(70, "dexamethasone_given", { doseMg: 16, route: "oral" });
  await record(45, "imaging_performed", { modality: "mri_whole_spine" });
  await record(40, "imaging_reported", { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T8" });
  await record(30, "decision", { decision: "radiotherapy_planned" });
  await record(20, "treatment_started", { treatment: "radiotherapy" });
  await record(10, "score_recorded", { scale: "frankel", value: "D" });
  await record(5, "status_changed", { to: "rehabilitation" });
  return id;
}

/** Prints the page as the browser would (print media, A4), keeps the PDF under test-results/ and checks it is one. */
async function printToPdf(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: /^Print/ })).toBeHidden();
  await expect(page.getByRole("link", { name: /^Back to/ })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  fs.mkdirSync(PDF_DIR, { recursive: true });
  fs.writeFileSync(path.join(PDF_DIR, `${name}.pdf`), pdf);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, `${name}.pdf pages`).toBeGreaterThanOrEqual(1);
  await page.emulateMedia({ media: "screen" });
}

let referralId = "";

test("an administrator sets the service's numbers; a number that is not a UK number is refused beside its field", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Service contact numbers" });
  await form.getByLabel("Service name").fill(SERVICE);
  await form.getByLabel("MSCC coordinator's number").fill(`+44 ${NUMBERS.coordinator.slice(1)}`);
  await form.getByLabel("Acute oncology number").fill("");
  await form.getByLabel("Out-of-hours number").fill(NUMBERS.outOfHours);
  await form.getByRole("button", { name: "Save contact numbers" }).click();
  await expect(form.getByLabel("MSCC coordinator's number")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#coordinatorPhone-error")).toHaveText("Use digits and spaces only (no +44, dashes or brackets), for example 0161 446 3000");

  await form.getByLabel("MSCC coordinator's number").fill(NUMBERS.coordinator);
  await form.getByRole("button", { name: "Save contact numbers" }).click();
  await expect(form.getByRole("status")).toContainText("Saved. The patient information sheet prints these numbers from now.");
  await expect(form.getByLabel("MSCC coordinator's number")).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await admin.close();
});

test("the patient's information sheet: warning signs, the service's numbers, lines for what is not set; prints on A4", async ({ page, browser }) => {
  const coordinator = await browser.newContext({ storageState: storageStateFor("coordinator") });
  referralId = await makeReferral(coordinator.request);
  await coordinator.close();

  await page.goto(`/referrals/${referralId}/patient-sheet`);
  expect(await page.title()).toBe("Patient information sheet · MSCC Escalation Dashboard");
  const sheet = page.getByTestId("patient-sheet");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("Cancer and your spine: warning signs to act on");

  const owner = sheet.getByRole("region", { name: "This sheet belongs to" });
  await expect(owner).toContainText(`${PATIENT.givenName} ${PATIENT.familyName}`);
  await expect(owner).toContainText("07/03/1950");
  await expect(owner).toContainText(formatNhsNumber(PATIENT.nhsNumber));
  // No rehabilitation plan yet: the key worker is a line to write on.
  await expect(owner).toContainText("(blank: write your key worker's name here)");

  const signs = sheet.getByRole("region", { name: "Warning signs to look out for" });
  await expect(signs).toContainText("Pain or tenderness in the middle or top of your back, or in your neck");
  await expect(signs).toContainText("Back pain that stops you sleeping");
  await expect(signs).toContainText("If you have any of these, call within 24 hours and say you have cancer.");
  const urgent = sheet.getByRole("region", { name: "Call straight away, day or night, if you have" });
  await expect(urgent).toContainText("Problems passing urine or controlling your bladder or bowels");

  const call = sheet.getByRole("region", { name: "Whom to call" });
  await expect(call.locator("div").filter({ hasText: `The MSCC coordinator (${SERVICE}), at any time` })).toContainText(NUMBERS.coordinator);
  await expect(call).toContainText(NUMBERS.outOfHours);
  await expect(call).toContainText("(blank: write the acute oncology number here)");
  await expect(call).toContainText("(blank: write your key worker's number here)");

  await expect(sheet.getByRole("region", { name: "What to tell the doctor or nurse" })).toContainText("Whether you can walk");
  const clinician = sheet.getByRole("region", { name: "For a doctor or nurse who sees this patient elsewhere" });
  await expect(clinician).toContainText(`Phone the MSCC coordinator straight away, day or night: ${NUMBERS.coordinator}`);
  await expect(clinician).toContainText("MRI of the whole spine as soon as possible, and always within 24 hours");
  await expect(clinician).toContainText("dexamethasone 16 mg");
  await expect(clinician).toContainText("Follow local MSCC guidance.");

  await expectAccessible(page);
  await printToPdf(page, "patient-sheet");
});

test("the blank sheet: lines to write the patient's details by hand, with the service's numbers; prints on A4", async ({ page }) => {
  await page.goto("/patient-sheet");
  expect(await page.title()).toBe("Patient information sheet (blank) · MSCC Escalation Dashboard");
  const owner = page.getByRole("region", { name: "This sheet belongs to" });
  for (const what of ["your name", "your date of birth", "your NHS number", "your key worker's name"]) {
    await expect(owner).toContainText(`(blank: write ${what} here)`);
  }
  await expect(page.getByRole("region", { name: "Whom to call" })).toContainText(NUMBERS.coordinator);
  await expect(page.getByRole("region", { name: "Warning signs to look out for" })).toContainText("call within 24 hours and say you have cancer");
  await expectAccessible(page);
  await printToPdf(page, "patient-sheet-blank");
});

test("the discharge summary before discharge is a draft with the pathway so far; prints on A4", async ({ page }) => {
  expect(referralId).not.toBe("");
  await page.goto(`/referrals/${referralId}/discharge-summary`);
  expect(await page.title()).toBe("Discharge summary · MSCC Escalation Dashboard");
  const summary = page.getByTestId("discharge-summary");
  await expect(summary.getByRole("heading", { level: 1 })).toHaveText("Discharge summary (draft)");
  await expect(summary.getByRole("note")).toContainText("Draft: the patient has not been discharged yet");

  await expect(summary.getByRole("region", { name: "Patient", exact: true })).toContainText(`${PATIENT.familyName.toUpperCase()}, ${PATIENT.givenName}`);
  await expect(summary.getByRole("region", { name: "Patient", exact: true })).toContainText(formatNhsNumber(PATIENT.nhsNumber));
  await expect(summary.getByRole("region", { name: "Referral", exact: true })).toContainText("Suspected MSCC");
  const mobility = summary.getByRole("region", { name: "Mobility" });
  await expect(mobility).toContainText("Walks with aid");
  await expect(mobility).toContainText("Not discharged yet");
  await expect(summary.getByRole("region", { name: "Scores at presentation and latest" })).toContainText("Frankel grade D");
  await expect(summary.getByRole("region", { name: "Decisions" })).toContainText("Radiotherapy planned (decision to treat)");
  await expect(summary.getByRole("region", { name: "Treatments" })).toContainText("Radiotherapy started");
  await expect(summary.getByRole("region", { name: "Dexamethasone" })).toContainText("Dexamethasone 16 mg oral");
  await expect(summary.getByRole("region", { name: "Dexamethasone" })).toContainText("Steroid reduction plan: Open");
  await expect(summary.getByRole("region", { name: "Imaging" })).toContainText("Result: MSCC confirmed");
  await expect(summary.getByRole("region", { name: "Equipment and adaptations" })).toContainText("None recorded.");
  const home = summary.getByRole("region", { name: "Arrangements at home" });
  await expect(home).toContainText("Not decided");
  await expect(home.getByRole("table", { name: "Discharge checklist" })).toContainText("Bladder and bowel plan");
  await expect(summary.getByRole("region", { name: "Pathway clocks" }).locator('tr[data-clock="mri"]')).toContainText("Met");
  const timeline = summary.getByRole("region", { name: "Pathway timeline" });
  await expect(timeline).toContainText("Referral received");
  await expect(timeline).toContainText("MRI whole spine reported: MSCC confirmed at T8");

  await expectAccessible(page);
  await printToPdf(page, "discharge-summary");
});

test("with a plan the sheet names the key worker and their number; once discharged the summary is final, with where and how the patient went home", async ({ page, browser }) => {
  expect(referralId).not.toBe("");
  await page.goto(`/referrals/${referralId}`);
  await page.waitForLoadState("networkidle"); // hydrated
  const plan = page.getByRole("region", { name: "Rehabilitation plan" });
  await plan.locator("summary").filter({ hasText: "Start the plan" }).click();
  await plan.getByLabel("Key worker", { exact: true }).fill("Kim Keyworker");
  await plan.getByLabel("Key worker's phone or bleep").fill("0161 446 4455");
  for (const item of ["Bladder and bowel plan", "Pressure area care", "VTE prophylaxis while immobile", "Steroid reduction plan", "Psychological and family support", "Package of care", "Community and palliative nursing"]) {
    await plan.getByRole("group", { name: item }).getByLabel("Done").check();
  }
  await plan.getByRole("group", { name: /Continuing Healthcare/ }).getByLabel("Not needed").check();
  await plan.getByLabel("Destination").selectOption({ label: "Home" });
  await plan.getByRole("button", { name: "Save the plan" }).click();
  await expect(plan.getByRole("status")).toHaveText("Rehabilitation plan saved.");

  await page.goto(`/referrals/${referralId}/patient-sheet`);
  await expect(page.getByRole("region", { name: "This sheet belongs to" })).toContainText("Kim Keyworker");
  await expect(page.getByRole("region", { name: "Whom to call" }).locator("div").filter({ hasText: "Your key worker, Kim Keyworker" })).toContainText("0161 446 4455");

  // Recorded through the API by the coordinator (the API's events are for roles that record events).
  const coordinator = await browser.newContext({ storageState: storageStateFor("coordinator") });
  const detail = await coordinator.request.get(`/api/v1/referrals/${referralId}`);
  const { referral } = (await detail.json()) as { referral: { version: number } };
  const discharged = await coordinator.request.post(`/api/v1/referrals/${referralId}/events`, {
    data: { type: "discharged", occurredAt: new Date().toISOString(), expectedVersion: referral.version, data: { destination: "home", ambulatoryStatus: "walks_unaided", frankelGrade: "E" } },
  });
  expect(discharged.status(), await discharged.text()).toBe(201);
  await coordinator.close();

  await page.goto(`/referrals/${referralId}/discharge-summary`);
  const summary = page.getByTestId("discharge-summary");
  await expect(summary.getByRole("heading", { level: 1 })).toHaveText("Discharge summary");
  await expect(summary.getByRole("note")).toHaveCount(0);
  const mobility = summary.getByRole("region", { name: "Mobility" });
  await expect(mobility).toContainText("Ambulatory status at presentationWalks with aid");
  await expect(mobility).toContainText("Ambulatory status at dischargeWalks unaided");
  await expect(mobility).toContainText("Frankel grade at dischargeE");
  const home = summary.getByRole("region", { name: "Arrangements at home" });
  await expect(home).toContainText("DestinationHome");
  await expect(home).toContainText("Kim Keyworker, 0161 446 4455");
  await expect(home.getByRole("row", { name: /Package of care/ })).toContainText("Done");
  await expect(summary.getByRole("region", { name: "Pathway timeline" })).toContainText("Discharged to home; walks unaided");
  await expectAccessible(page);
  await printToPdf(page, "discharge-summary-final");
});

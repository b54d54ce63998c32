import { SYSTEM_NAME } from "@/lib/domain/escalation";
import { ageInYears } from "@/lib/domain/time-format";
import { initialsOf, lastFourOf, type OpenClock } from "@/lib/domain/worklist";
import type { ReferralCategory, ReferralStatus } from "@/lib/domain/vocabulary";
import type { WorklistView } from "@/lib/validation/worklist";
import type { WorklistItemJson, WorklistJson } from "./schemas";

/** A worklist row as the database returns it (db/queries/worklist.ts). */
export interface WorklistRowInput {
  id: string;
  version: number;
  status: ReferralStatus;
  category: ReferralCategory;
  receivedAt: Date;
  updatedAt: Date;
  haematologicalSuspected: string | null;
  openClocks: OpenClock[];
  nextClockDueAt: Date | null;
  clocksAtRiskAt: Date | null;
  dexamethasoneGivenAt: Date | null;
  dexamethasoneContraindicated: boolean;
  immobilisedSince: Date | null;
  immobilisationLiftedAt: Date | null;
  awaitingAcknowledgementSince: Date | null;
  acknowledgementDueAt: Date | null;
  escalationLevel: number;
  missingData: number;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  hospitalNumber: string | null;
  registrarId: string | null;
  registrarName: string | null;
  updatedByName: string | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * The patient as a list row shows them (the worklist, the discharge board). In ward-screen mode the name, date of
 * birth and hospital number never leave the server: only initials and the last 4 digits of the NHS number do.
 */
export function worklistPatientToJson(
  row: { givenName: string; familyName: string; nhsNumber: string; dateOfBirth: string; hospitalNumber: string | null },
  options: { now: Date; ward: boolean },
): WorklistItemJson["patient"] {
  return options.ward
    ? { kind: "ward", initials: initialsOf(row.givenName, row.familyName), nhsLast4: lastFourOf(row.nhsNumber) }
    : {
        kind: "full",
        givenName: row.givenName,
        familyName: row.familyName,
        nhsNumber: row.nhsNumber,
        dateOfBirth: row.dateOfBirth,
        age: ageInYears(row.dateOfBirth, options.now),
        hospitalNumber: row.hospitalNumber,
      };
}

/** One row as the page, the JSON API and the CSV export see it. */
export function worklistItemToJson(row: WorklistRowInput, options: { now: Date; ward: boolean }): WorklistItemJson {
  const caution = row.haematologicalSuspected === "lymphoma" || row.haematologicalSuspected === "myeloma" ? row.haematologicalSuspected : null;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    category: row.category,
    patient: worklistPatientToJson(row, options),
    receivedAt: row.receivedAt.toISOString(),
    openClocks: row.openClocks.map((c) => ({ id: c.id, dueAt: c.dueAt, atRiskAt: c.atRiskAt })),
    nextClockDueAt: row.nextClockDueAt?.getTime() ?? null,
    clocksAtRiskAt: row.clocksAtRiskAt?.getTime() ?? null,
    dexamethasone: { givenAt: iso(row.dexamethasoneGivenAt), contraindicated: row.dexamethasoneContraindicated, caution },
    immobilisation: { since: iso(row.immobilisedSince), liftedAt: iso(row.immobilisationLiftedAt) },
    registrar: row.registrarId === null ? null : { id: row.registrarId, name: row.registrarName ?? "Unknown" },
    awaitingAcknowledgementSince: iso(row.awaitingAcknowledgementSince),
    acknowledgementDueAt: iso(row.acknowledgementDueAt),
    escalationLevel: row.escalationLevel,
    missingData: row.missingData,
    updatedAt: row.updatedAt.toISOString(),
    // Nobody named: the system made the last change (an escalation sent on to the second line).
    updatedByName: row.updatedByName ?? SYSTEM_NAME,
  };
}

export function worklistToJson(input: {
  rows: readonly WorklistRowInput[];
  counts: WorklistJson["counts"] & { total: number };
  page: number;
  pageSize: number;
  view: WorklistView;
  ward: boolean;
  now: Date;
}): WorklistJson {
  const { total, ...counts } = input.counts;
  return {
    items: input.rows.map((row) => worklistItemToJson(row, { now: input.now, ward: input.ward })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    view: input.view,
    ward: input.ward,
    counts: { breachedShown: counts.breachedShown, breached: counts.breached, atRisk: counts.atRisk, untriaged: counts.untriaged, awaitingMyAcknowledgement: counts.awaitingMyAcknowledgement },
    generatedAt: input.now.getTime(),
  };
}

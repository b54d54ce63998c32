/**
 * How a worklist row reads, in words: the table, the phone cards, the handover sheet and the CSV export all
 * use these, so what is printed or exported says exactly what the screen said.
 */
import type { WorklistItemJson } from "@/lib/api/schemas";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { formatDateTime, formatDuration } from "@/lib/domain/time-format";
import { describeOpenClock, openClockState, worklistClockState, type WorklistClockState } from "@/lib/domain/worklist";

/** Any list row with a patient (the worklist, the discharge board). */
type WithPatient = Pick<WorklistItemJson, "patient">;

export function patientName(item: WithPatient): string {
  return item.patient.kind === "full" ? `${item.patient.familyName.toUpperCase()}, ${item.patient.givenName}` : item.patient.initials;
}

export function patientNhsNumber(item: WithPatient): string {
  return item.patient.kind === "full" ? formatNhsNumber(item.patient.nhsNumber) : `ending ${item.patient.nhsLast4}`;
}

export function clockStateOf(item: WorklistItemJson, now: number): WorklistClockState {
  return worklistClockState({ nextClockDueAt: item.nextClockDueAt, clocksAtRiskAt: item.clocksAtRiskAt }, now);
}

/** "MRI due in 3 h 12 m", "MRI breached by 2 h 15 m", or that nothing is running. */
export function nextClockText(item: WorklistItemJson, now: number): string {
  const first = item.openClocks[0];
  return first ? describeOpenClock(first, now) : "No clock running";
}

/** The other open clocks that are breached or at risk, e.g. "also Triage breached by 10 m". */
export function otherClocksText(item: WorklistItemJson, now: number): string | null {
  const others = item.openClocks.slice(1).filter((c) => openClockState(c, now) !== "running");
  return others.length === 0 ? null : `also ${others.map((c) => describeOpenClock(c, now)).join("; ")}`;
}

export type DexamethasoneState = "given" | "contraindicated" | "caution" | "not_given";

export function dexamethasoneState(item: WorklistItemJson): DexamethasoneState {
  if (item.dexamethasone.givenAt) return "given";
  if (item.dexamethasone.contraindicated) return "contraindicated";
  if (item.dexamethasone.caution) return "caution";
  return "not_given";
}

export function dexamethasoneText(item: WorklistItemJson): string {
  switch (dexamethasoneState(item)) {
    case "given":
      return `Given ${formatDateTime(new Date(item.dexamethasone.givenAt as string))}`;
    case "contraindicated":
      return "Contraindicated";
    case "caution":
      return `Not given: ${item.dexamethasone.caution} suspected, discuss with a consultant first`;
    case "not_given":
      return "Not given";
  }
}

export function immobilisationText(item: WorklistItemJson): string {
  if (item.immobilisation.since) return `Flat since ${formatDateTime(new Date(item.immobilisation.since))}`;
  if (item.immobilisation.liftedAt) return `Lifted ${formatDateTime(new Date(item.immobilisation.liftedAt))}`;
  return "Not advised";
}

export function receivedAgoText(item: WorklistItemJson, now: number): string {
  return `${formatDuration(now - Date.parse(item.receivedAt))} ago`;
}

export function awaitingAcknowledgementText(item: WorklistItemJson, now: number): string | null {
  if (!item.awaitingAcknowledgementSince) return null;
  const waiting = `Escalated ${formatDuration(now - Date.parse(item.awaitingAcknowledgementSince))} ago, not acknowledged`;
  if (item.escalationLevel === 2) return `${waiting}: sent to the second line`;
  const due = item.acknowledgementDueAt === null ? null : Date.parse(item.acknowledgementDueAt);
  return due !== null && due <= now ? `${waiting}: overdue, going to the second line` : waiting;
}

export function missingDataText(item: WorklistItemJson): string | null {
  return item.missingData === 0 ? null : `${item.missingData} ${item.missingData === 1 ? "item" : "items"} of the minimum data set missing`;
}


import type { WorklistItemJson } from "@/lib/api/schemas";
import { formatDateTime } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { WORKLIST_CLOCK_STATE_LABELS } from "@/lib/domain/worklist";
import {
  awaitingAcknowledgementText,
  clockStateOf,
  dexamethasoneText,
  immobilisationText,
  nextClockText,
  otherClocksText,
  patientName,
  patientNhsNumber,
} from "./present";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field a spreadsheet would
 * run as a formula (starting =, +, - or @, even after spaces, or with a tab or carriage return) gets an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[\s]*[=+\-@]|^[\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  // CRLF line ends and a byte order mark: what Excel expects of a UTF-8 CSV.
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export const WORKLIST_CSV_HEADER = [
  "Referral id",
  "Patient",
  "NHS number",
  "Age",
  "Hospital number",
  "Category",
  "Status",
  "Received (UK time)",
  "Clock state",
  "Next clock",
  "Other clocks",
  "Dexamethasone",
  "Immobilisation",
  "Registrar",
  "Escalation",
  "Missing data items",
  "Last change (UK time)",
  "Last changed by",
] as const;

/** The worklist as the screen showed it at `now`, one referral a row, times in Europe/London dd/MM/yyyy HH:mm. */
export function worklistCsv(items: readonly WorklistItemJson[], now: number): string {
  return toCsv([
    WORKLIST_CSV_HEADER,
    ...items.map((item) => [
      item.id,
      patientName(item),
      patientNhsNumber(item),
      item.patient.kind === "full" ? item.patient.age : null,
      item.patient.kind === "full" ? item.patient.hospitalNumber : null,
      REFERRAL_CATEGORY_LABELS[item.category],
      REFERRAL_STATUS_LABELS[item.status],
      formatDateTime(new Date(item.receivedAt)),
      WORKLIST_CLOCK_STATE_LABELS[clockStateOf(item, now)],
      nextClockText(item, now),
      otherClocksText(item, now),
      dexamethasoneText(item),
      immobilisationText(item),
      item.registrar?.name ?? "Not assigned",
      awaitingAcknowledgementText(item, now),
      item.missingData,
      formatDateTime(new Date(item.updatedAt)),
      item.updatedByName,
    ]),
  ]);
}

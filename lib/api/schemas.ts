import { z } from "zod";
import { BREACH_REASONS, CLOCK_IDS, CLOCK_STATUSES, PATHWAY_SETTING_SOURCES, type PathwaySettings } from "@/lib/domain/clocks";
import { EQUIPMENT_KINDS, EQUIPMENT_STATUSES } from "@/lib/domain/equipment";
import { REFERRAL_EVENT_TYPES } from "@/lib/domain/referral-events";
import { CHECKLIST_ITEMS, DESTINATIONS } from "@/lib/domain/rehabilitation";
import {
  AMBULATORY_STATUSES,
  HAEMATOLOGICAL_SUSPICIONS,
  KNOWN_METASTASES,
  NEUROLOGY,
  PATIENT_LOCATIONS,
  REFERRAL_CATEGORIES,
  REFERRAL_STATUSES,
  REFERRER_ROLES,
  WARNING_SYMPTOMS,
} from "@/lib/domain/vocabulary";
import { ERROR_STATUS } from "@/lib/errors";

/**
 * What the JSON API answers, as zod schemas: lib/api/serialize.ts is typed against them (so an answer cannot
 * drift from its documentation) and lib/api/openapi.ts turns them into the OpenAPI document. Requests are
 * described by lib/validation, the schemas that also check them.
 */

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const instant = z.string().meta({ format: "date-time", description: "An instant, ISO 8601 in UTC" });
const uuid = z.string().meta({ format: "uuid" });
const calendarDate = z.string().meta({ format: "date", description: "A calendar date, yyyy-MM-dd" });
const ms = z.number().int();

export const clockResponse = z.object({
  id: z.enum(CLOCK_IDS),
  label: z.string(),
  source: z.string().meta({ description: "The standard the target comes from" }),
  status: z.enum(CLOCK_STATUSES),
  startAt: instant.nullable(),
  dueAt: instant.nullable(),
  stopAt: instant.nullable(),
  atRiskAt: instant.nullable(),
  targetMinutes: z.number().int().nullable().meta({ description: "The target in force when the clock started" }),
  timeLeftMs: ms.nullable().meta({ description: "Running or at risk: milliseconds until due" }),
  overrunMs: ms.nullable().meta({ description: "Breached: milliseconds past due (to the stop, or to now)" }),
  breachReason: z.object({ reason: z.enum(BREACH_REASONS), text: z.string().optional(), eventId: uuid }).nullable(),
  reasonRequired: z.boolean().meta({ description: "Breached and no breach reason recorded yet" }),
});

export const patientResponse = z.object({
  id: uuid,
  nhsNumber: z.string().regex(/^\d{10}$/).meta({ description: "Ten digits, no spaces" }),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: calendarDate,
  hospitalNumber: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.enum(PATIENT_LOCATIONS).nullable(),
});

export const referralResponse = z.object({
  id: uuid,
  patientId: uuid,
  status: z.enum(REFERRAL_STATUSES),
  category: z.enum(REFERRAL_CATEGORIES),
  receivedAt: instant,
  referrerName: z.string(),
  referrerRole: z.enum(REFERRER_ROLES),
  referrerOrganisation: z.string().nullable(),
  referrerContact: z.string().nullable(),
  symptoms: z.array(z.enum(keysOf(WARNING_SYMPTOMS))),
  neurology: z.array(z.enum(keysOf(NEUROLOGY))),
  neurologyOnsetAt: instant.nullable(),
  ambulatoryStatus: z.enum(AMBULATORY_STATUSES).nullable(),
  primaryCancer: z.string().nullable(),
  knownMetastases: z.array(z.enum(keysOf(KNOWN_METASTASES))).nullable(),
  currentTreatment: z.string().nullable(),
  haematologicalSuspected: z.enum(keysOf(HAEMATOLOGICAL_SUSPICIONS)).nullable(),
  previousSpinalRadiotherapy: z.boolean().nullable(),
  previousSpinalRadiotherapyLevel: z.string().nullable(),
  imagingAvailable: z.string().nullable(),
  assignedRegistrarId: uuid.nullable(),
  assignedRegistrarName: z.string().nullable(),
  version: z.number().int().positive().meta({ description: "Send it back as expectedVersion with the next event" }),
  createdAt: instant,
  updatedAt: instant,
  updatedByName: z.string().nullable(),
});

export const eventResponse = z.object({
  id: uuid,
  type: z.enum(REFERRAL_EVENT_TYPES),
  occurredAt: instant.meta({ description: "When it happened clinically" }),
  recordedAt: instant.meta({ description: "When it was recorded" }),
  recordedByName: z.string(),
  data: z.record(z.string(), z.unknown()),
  correctsEventId: uuid.nullable(),
});

export const referralDetailResponse = z.object({
  referral: referralResponse,
  patient: patientResponse,
  events: z.array(eventResponse).meta({ description: "Oldest first, by clinical time" }),
  clocks: z.array(clockResponse),
  missing: z.array(z.string()).meta({ description: "What the minimum data set still lacks (never blocks the referral)" }),
});

export const referralListItemResponse = z.object({
  id: uuid,
  status: z.enum(REFERRAL_STATUSES),
  category: z.enum(REFERRAL_CATEGORIES),
  receivedAt: instant,
  referrerRole: z.enum(REFERRER_ROLES),
  ambulatoryStatus: z.enum(AMBULATORY_STATUSES).nullable(),
  updatedAt: instant,
  patientGivenName: z.string(),
  patientFamilyName: z.string(),
  nhsNumber: z.string().regex(/^\d{10}$/),
  dateOfBirth: calendarDate,
  registrarName: z.string().nullable(),
});

export const referralListResponse = z.object({
  items: z.array(referralListItemResponse).meta({ description: "Newest received first" }),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});

export const eventAppendedResponse = z.object({
  eventId: uuid,
  version: z.number().int().positive().meta({ description: "The referral's new version" }),
  status: z.enum(REFERRAL_STATUSES),
  clocks: z.array(clockResponse),
});

const settingKeys = Object.keys(PATHWAY_SETTING_SOURCES) as (keyof PathwaySettings)[];
const pathwaySettingsShape = Object.fromEntries(settingKeys.map((k) => [k, z.number()])) as Record<keyof PathwaySettings, z.ZodNumber>;
export const pathwaySettingsResponse = z.object(pathwaySettingsShape).meta({ description: "Targets in minutes; atRiskFraction between 0 and 1" });

export const pathwaySettingsAnswer = z.object({
  current: pathwaySettingsResponse.meta({ description: "The settings in force now" }),
  history: z.array(z.object({ effectiveFrom: instant, settings: pathwaySettingsResponse })).meta({ description: "Every version, oldest first; none means the defaults apply" }),
  sources: z.record(z.enum(settingKeys as [keyof PathwaySettings, ...(keyof PathwaySettings)[]]), z.object({ label: z.string(), source: z.string(), localPractice: z.boolean() })),
  defaults: pathwaySettingsResponse,
});

const epochMs = z.number().int().meta({ description: "An instant as milliseconds since 1970-01-01T00:00:00Z" });

export const openClockResponse = z.object({
  id: z.enum(CLOCK_IDS),
  dueAt: epochMs,
  atRiskAt: epochMs,
});

/** In ward-screen mode the patient is initials and the last 4 digits of the NHS number only. */
export const worklistPatientResponse = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("full"),
    givenName: z.string(),
    familyName: z.string(),
    nhsNumber: z.string().regex(/^\d{10}$/),
    dateOfBirth: calendarDate,
    age: z.number().int().nullable(),
    hospitalNumber: z.string().nullable(),
  }),
  z.object({ kind: z.literal("ward"), initials: z.string(), nhsLast4: z.string() }),
]);

export const worklistItemResponse = z.object({
  id: uuid,
  version: z.number().int(),
  status: z.enum(REFERRAL_STATUSES),
  category: z.enum(REFERRAL_CATEGORIES),
  patient: worklistPatientResponse,
  receivedAt: instant,
  openClocks: z.array(openClockResponse).meta({ description: "Started and not stopped, soonest due first; the browser works out each one's state from these instants" }),
  nextClockDueAt: epochMs.nullable(),
  clocksAtRiskAt: epochMs.nullable().meta({ description: "The earliest at-risk instant of the open clocks" }),
  dexamethasone: z.object({
    givenAt: instant.nullable(),
    contraindicated: z.boolean(),
    caution: z.enum(["lymphoma", "myeloma"]).nullable().meta({ description: "Lymphoma or myeloma suspected: discuss with a consultant before steroids" }),
  }),
  immobilisation: z.object({ since: instant.nullable(), liftedAt: instant.nullable() }),
  registrar: z.object({ id: uuid, name: z.string() }).nullable(),
  awaitingAcknowledgementSince: instant.nullable(),
  acknowledgementDueAt: instant.nullable().meta({ description: "The first line's deadline to acknowledge the escalation waiting, if any" }),
  escalationLevel: z.number().int().min(0).max(2).meta({ description: "0: no escalation waiting; 1: with the first-line registrar; 2: not acknowledged in time, gone to the second line" }),
  missingData: z.number().int().meta({ description: "How many items of the minimum data set are missing" }),
  updatedAt: instant,
  updatedByName: z.string().nullable(),
});

export const worklistResponse = z.object({
  items: z.array(worklistItemResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  view: z.enum(["coordinator", "registrar", "discharge", "all"]),
  ward: z.boolean(),
  counts: z.object({
    breachedShown: z.number().int().meta({ description: "Breached among the rows matching the filters" }),
    breached: z.number().int().meta({ description: "Breached across every active referral, whatever the filters" }),
    atRisk: z.number().int(),
    untriaged: z.number().int(),
    awaitingMyAcknowledgement: z.number().int(),
  }),
  generatedAt: epochMs,
});

const boardEquipmentResponse = z.object({
  id: uuid,
  kind: z.enum(EQUIPMENT_KINDS),
  description: z.string().nullable(),
  status: z.enum(EQUIPMENT_STATUSES),
  expectedOn: calendarDate.nullable(),
  blockingSince: instant.nullable().meta({ description: "Since when it has blocked discharge; null when it is not marked as blocking" }),
  daysBlocking: z.number().int().min(0).nullable().meta({ description: "Whole days it has blocked discharge at generatedAt; null unless it blocks discharge now" }),
});

export const dischargeBoardItemResponse = z.object({
  id: uuid.meta({ description: "The referral's id" }),
  version: z.number().int(),
  category: z.enum(REFERRAL_CATEGORIES),
  patient: worklistPatientResponse,
  hasPlan: z.boolean().meta({ description: "Whether a rehabilitation plan has been started" }),
  keyWorker: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  medicallyFitAt: instant.nullable().meta({ description: "Medically fit for discharge since; null: not yet" }),
  destination: z.enum(DESTINATIONS).nullable(),
  expectedDischargeOn: calendarDate.nullable(),
  expectedDischargeDue: z.enum(["past", "this_week", "later"]).nullable().meta({ description: "The expected discharge date against London today: passed, this week (today and the six days after), or later" }),
  blocked: z.boolean().meta({ description: "Equipment blocks discharge now, or a checklist item is open" }),
  openChecklistItems: z.array(z.enum(CHECKLIST_ITEMS)).meta({ description: "Not yet done or marked not needed; every item while no plan is started" }),
  blockingEquipment: z.array(boardEquipmentResponse).meta({ description: "Marked as blocking discharge and not yet delivered, installed or cancelled; longest blocking first" }),
  overdueEquipment: z.array(boardEquipmentResponse).meta({ description: "Expected before today (London) and not yet delivered, installed or cancelled" }),
  equipmentDueThisWeek: z.array(boardEquipmentResponse).meta({ description: "Still to come and expected today or in the six days after" }),
  therapyClocks: z.array(openClockResponse).meta({ description: "The physiotherapy and occupational therapy assessment clocks that are running; none: assessed, or not started" }),
  updatedAt: instant.meta({ description: "The last change to the referral, its plan or its equipment" }),
  updatedByName: z.string().nullable(),
});

export const dischargeBoardResponse = z.object({
  items: z.array(dischargeBoardItemResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  ward: z.boolean(),
  counts: z
    .object({
      patients: z.number().int(),
      medicallyFit: z.number().int(),
      blocked: z.number().int(),
      medicallyFitAndBlocked: z.number().int(),
    })
    .meta({ description: "Across every patient on the rehabilitation step, whatever the filters" }),
  today: calendarDate.meta({ description: "Today in London, against which overdue and this week are judged" }),
  generatedAt: epochMs,
});

export const waitingEscalationResponse = z.object({
  referralId: uuid,
  version: z.number().int().meta({ description: "The referral's version, to acknowledge with" }),
  category: z.enum(REFERRAL_CATEGORIES),
  level: z.number().int().min(1).max(2).meta({ description: "1: with the first-line registrar; 2: not acknowledged in time, gone to the second line" }),
  escalatedToId: uuid.nullable().meta({ description: "Whom it is with now; null at level 2 when nobody was on the second line of the rota" }),
  escalatedAt: instant.nullable(),
  acknowledgementDueAt: instant.nullable().meta({ description: "The first line's deadline" }),
  patientInitials: z.string().meta({ description: "Initials only: the alert shows on any screen" }),
  nhsNumberLastFour: z.string(),
});

export const waitingEscalationsResponse = z.object({
  generatedAt: epochMs,
  escalations: z.array(waitingEscalationResponse).meta({ description: "Deadline first" }),
});

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]];

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().meta({ description: "Written for the person in front of the screen" }),
    fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Field path ("nhsNumber", "data.doseMg") to its messages' }),
  }),
});

export type ClockJson = z.output<typeof clockResponse>;
export type ReferralDetailJson = z.output<typeof referralDetailResponse>;
export type ReferralListJson = z.output<typeof referralListResponse>;
export type EventAppendedJson = z.output<typeof eventAppendedResponse>;
export type PathwaySettingsJson = z.output<typeof pathwaySettingsAnswer>;
export type WorklistJson = z.output<typeof worklistResponse>;
export type WorklistItemJson = z.output<typeof worklistItemResponse>;
export type DischargeBoardJson = z.output<typeof dischargeBoardResponse>;
export type DischargeBoardItemJson = z.output<typeof dischargeBoardItemResponse>;
export type BoardEquipmentJson = z.output<typeof boardEquipmentResponse>;
export type WaitingEscalationJson = z.output<typeof waitingEscalationResponse>;
export type WaitingEscalationsJson = z.output<typeof waitingEscalationsResponse>;

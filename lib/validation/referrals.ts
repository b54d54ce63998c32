import { z } from "zod";
import { BREACH_REASONS, CLOCK_IDS } from "@/lib/domain/clocks";
import { checkNhsNumber, normaliseNhsNumber } from "@/lib/domain/nhs-number";
import { CHECKLIST_ITEMS, DESTINATIONS } from "@/lib/domain/rehabilitation";
import {
  ASIA_GRADES,
  ECOG_GRADES,
  FRANKEL_GRADES,
  KARNOFSKY_SCORES,
  SINS_COMPONENTS,
  SINS_LABELS,
  sinsScore,
  TOKUHASHI_COMPONENTS,
  TOKUHASHI_LABELS,
  tokuhashiScore,
  type SinsInput,
  type TokuhashiInput,
} from "@/lib/domain/scores";
import { parseLondonLocalDateTime } from "@/lib/domain/time-format";
import {
  AMBULATORY_STATUSES,
  HAEMATOLOGICAL_SUSPICIONS,
  KNOWN_METASTASES,
  NEUROLOGY,
  PATIENT_LOCATIONS,
  REFERRAL_CATEGORIES,
  REFERRAL_STATUSES,
  REFERRER_ROLES,
  TRIAGE_ADVICE,
  WARNING_SYMPTOMS,
} from "@/lib/domain/vocabulary";

/**
 * The referral's input, shared by the intake form, its server action, the JSON API and the OpenAPI document.
 * Forms send strings (a checkbox group as one string or several): each field is coerced explicitly.
 */

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** Empty string (an untouched form field) means not given. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const text = (max: number, label: string) => z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}: at most ${max} characters`).optional());
const requiredText = (max: number, label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be at most ${max} characters`);

/** A list from a checkbox group (absent, one string, or several) or a JSON array. */
const list = <T extends string>(values: readonly [T, ...T[]], label: string) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: `Choose ${label} from the list` })).max(values.length));

const YES = ["true", "on", "yes", "1"];
const NO = ["false", "off", "no", "0"];
export const yesNo = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (YES.includes(v) ? true : NO.includes(v) ? false : v === "" ? undefined : v) : v),
    z.boolean({ error: `Answer yes or no: ${label}` }).optional(),
  );

/**
 * An instant: ISO 8601 with a zone ("2026-11-25T14:05:00Z", "+01:00"), or a London wall-clock time as a
 * datetime-local field sends it ("2026-11-25T14:05"). Never a time without a zone read in the server's zone.
 */
export const instant = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .transform((v, ctx) => {
      const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : parseLondonLocalDateTime(v);
      if (!withZone || Number.isNaN(withZone.getTime()) || withZone.getUTCFullYear() < 1900 || withZone.getUTCFullYear() > 2999) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as a date and time, e.g. 25/11/2026 14:05` });
        return z.NEVER;
      }
      return withZone;
    });
const optionalInstant = (label: string) => z.preprocess(blankToUndefined, instant(label).optional());

export const nhsNumberField = z
  .string({ error: "Enter the NHS number" })
  .transform((v, ctx) => {
    const check = checkNhsNumber(v);
    if (!check.valid) {
      ctx.addIssue({ code: "custom", message: check.message });
      return z.NEVER;
    }
    return check.digits;
  });

// One message at a time: the first thing wrong with the date of birth.
const dateOfBirth = z
  .string({ error: "Enter the date of birth" })
  .trim()
  .transform((v, ctx) => {
    const problem = !v
      ? "Enter the date of birth"
      : !/^\d{4}-\d{2}-\d{2}$/.test(v)
        ? "Enter the date of birth as a date, e.g. 07/03/1950"
        : Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || !new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
          ? "Enter a real date of birth"
          : v < "1900-01-01"
            ? "The date of birth must be after 1900"
            : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return v;
  });

export const createReferralInput = z
  .object({
    // Patient identity: required.
    nhsNumber: nhsNumberField,
    givenName: requiredText(100, "given name"),
    familyName: requiredText(100, "family name"),
    dateOfBirth,
    hospitalNumber: text(30, "Hospital number"),
    phone: text(40, "Phone"),
    location: z.preprocess(blankToUndefined, z.enum(PATIENT_LOCATIONS, { error: "Choose where the patient is" }).optional()),
    // When the referral was received: defaults to now.
    receivedAt: optionalInstant("time the referral was received"),
    // Referrer: required.
    referrerName: requiredText(200, "referrer's name"),
    referrerRole: z.enum(REFERRER_ROLES, { error: "Choose the referrer's role" }),
    referrerOrganisation: text(200, "Organisation"),
    referrerContact: text(100, "Referrer's phone or bleep"),
    // Symptoms: at least one warning symptom or neurological sign.
    symptoms: list(keysOf(WARNING_SYMPTOMS), "symptoms"),
    neurology: list(keysOf(NEUROLOGY), "neurology"),
    neurologyOnsetAt: optionalInstant("onset of neurological symptoms"),
    ambulatoryStatus: z.preprocess(blankToUndefined, z.enum(AMBULATORY_STATUSES, { error: "Choose the ambulatory status" }).optional()),
    // Cancer history.
    primaryCancer: text(200, "Primary cancer"),
    knownMetastases: list(keysOf(KNOWN_METASTASES), "known metastases"),
    currentTreatment: text(500, "Current treatment"),
    haematologicalSuspected: z.preprocess(blankToUndefined, z.enum(keysOf(HAEMATOLOGICAL_SUSPICIONS), { error: "Choose whether lymphoma or myeloma is suspected" }).optional()),
    previousSpinalRadiotherapy: yesNo("previous spinal radiotherapy"),
    previousSpinalRadiotherapyLevel: text(50, "Level of previous spinal radiotherapy"),
    imagingAvailable: text(500, "Imaging already available"),
    // What was already done.
    dexamethasoneGivenAt: optionalInstant("time dexamethasone was given"),
    dexamethasoneDoseMg: z.preprocess(blankToUndefined, z.coerce.number({ error: "Enter the dose in mg" }).positive("Enter the dose in mg").max(100, "A dose above 100 mg is not plausible").optional()),
    immobilisationAdvisedAt: optionalInstant("time immobilisation was advised"),
  })
  .superRefine((v, ctx) => {
    if (v.symptoms.length === 0 && v.neurology.length === 0) {
      ctx.addIssue({ code: "custom", path: ["symptoms"], message: "Record at least one symptom or neurological sign" });
    }
    const today = new Date().toISOString().slice(0, 10);
    if (v.dateOfBirth > today) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "The date of birth cannot be in the future" });
    if (v.dexamethasoneGivenAt && v.dexamethasoneDoseMg === undefined) {
      ctx.addIssue({ code: "custom", path: ["dexamethasoneDoseMg"], message: "Enter the dose of dexamethasone given" });
    }
    if (v.neurologyOnsetAt && v.neurology.length === 0) {
      ctx.addIssue({ code: "custom", path: ["neurologyOnsetAt"], message: "Tick the neurological symptoms whose onset this is" });
    }
  });
export type CreateReferralInput = z.infer<typeof createReferralInput>;

// Every event's own data, by type: what the form for it asks and the API accepts.
const MODALITIES = ["mri_whole_spine", "mri", "ct", "bone_scan"] as const;
const IMAGING_RESULTS = ["mscc_confirmed", "spinal_metastases_without_compression", "no_metastases", "other"] as const;
export const DECISIONS = [
  "mri_urgency",
  "dexamethasone_prescribed",
  "dexamethasone_contraindicated",
  "spinal_surgical_opinion_requested",
  "radiotherapy_planned",
  "surgery_planned",
  "systemic_therapy",
  "best_supportive_care",
  "mscc_excluded",
  "transfer",
] as const;

const note = text(4000, "Note");

/** One choice of a score's table: its keys are the options; a blank field reads as not chosen. */
const choiceOf = (options: Record<string, unknown>, message: string) =>
  z.preprocess(blankToUndefined, z.enum(Object.keys(options) as [string, ...string[]], { error: message }));
const componentsOf = (table: Record<string, Record<string, number>>, labels: Record<string, { label: string }>) =>
  Object.fromEntries(Object.keys(table).map((k) => [k, choiceOf(table[k] ?? {}, `Choose the ${(labels[k]?.label ?? k).toLowerCase()}`)]));
const gradeOf = <T extends string | number>(grades: readonly [T, ...T[]], message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof grades[0] === "number" && typeof v === "string" ? Number(v) : v), z.literal(grades, { error: message }));
// A total, band or advice sent by a client is accepted and replaced: the server computes them (lib/domain/scores).
const computed = { total: z.unknown().optional(), band: z.unknown().optional(), surgicalOpinionAdvised: z.unknown().optional() };

const scoreData = z
  .discriminatedUnion(
    "scale",
    [
      z.object({ scale: z.literal("sins"), ...componentsOf(SINS_COMPONENTS, SINS_LABELS), ...computed, note }).strict(),
      z.object({ scale: z.literal("tokuhashi"), ...componentsOf(TOKUHASHI_COMPONENTS, TOKUHASHI_LABELS), ...computed, note }).strict(),
      z.object({ scale: z.literal("frankel"), value: gradeOf(FRANKEL_GRADES, "Choose the Frankel grade"), note }).strict(),
      z.object({ scale: z.literal("asia"), value: gradeOf(ASIA_GRADES, "Choose the ASIA grade"), note }).strict(),
      z.object({ scale: z.literal("ecog"), value: gradeOf(ECOG_GRADES, "Choose the ECOG/WHO performance status"), note }).strict(),
      z.object({ scale: z.literal("karnofsky"), value: gradeOf(KARNOFSKY_SCORES, "Choose the Karnofsky score"), note }).strict(),
      z.object({ scale: z.literal("ambulatory"), value: gradeOf(AMBULATORY_STATUSES, "Choose the ambulatory status"), note }).strict(),
    ],
    { error: "Choose the score" },
  )
  .transform((v): Record<string, unknown> => {
    const { total: _total, band: _band, surgicalOpinionAdvised: _advised, ...given } = v as Record<string, unknown>;
    switch (v.scale) {
      case "sins":
        return { ...given, ...sinsScore(given as unknown as SinsInput) };
      case "tokuhashi":
        return { ...given, ...tokuhashiScore(given as unknown as TokuhashiInput) };
      case "frankel":
      case "asia":
      case "ecog":
      case "karnofsky":
      case "ambulatory":
        return given;
      default: {
        const unhandled: never = v;
        return unhandled;
      }
    }
  });

export const EVENT_DATA = {
  triaged: z.object({ category: z.enum(REFERRAL_CATEGORIES, { error: "Confirm the category" }), advice: list(keysOf(TRIAGE_ADVICE), "advice"), note }).strict(),
  // No registrar named: the escalation goes to whoever is first on call on the rota at that moment.
  escalated: z.object({ toUserId: z.preprocess(blankToUndefined, z.uuid("Choose the registrar").optional()), note }).strict(),
  acknowledged: z.object({ note }).strict(),
  status_changed: z.object({ to: z.enum(REFERRAL_STATUSES, { error: "Choose the new status" }), note }).strict(),
  dexamethasone_given: z
    .object({
      drug: z.literal("dexamethasone").default("dexamethasone"),
      doseMg: z.coerce.number({ error: "Enter the dose in mg" }).positive("Enter the dose in mg").max(100, "A dose above 100 mg is not plausible"),
      route: z.enum(["oral", "iv"], { error: "Choose oral or IV" }),
      // Needed for a first dose when lymphoma or myeloma is suspected (lib/domain/dexamethasone, checked on the server).
      overrideReason: text(1000, "Reason for giving it before the discussion"),
      note,
    })
    .strict(),
  immobilisation_advised: z.object({ note }).strict(),
  immobilisation_lifted: z.object({ note }).strict(),
  imaging_requested: z.object({ modality: z.enum(MODALITIES, { error: "Choose the imaging" }), note }).strict(),
  imaging_performed: z
    .object({ modality: z.enum(MODALITIES, { error: "Choose the imaging" }), accession: text(64, "PACS accession number"), imageExchange: text(200, "Image exchange reference"), note })
    .strict(),
  imaging_reported: z
    .object({
      modality: z.enum(MODALITIES, { error: "Choose the imaging" }),
      result: z.enum(IMAGING_RESULTS, { error: "Choose the result" }),
      levels: text(100, "Spinal levels"),
      imageExchange: text(200, "Image exchange reference"),
      note,
    })
    .strict(),
  decision: z.object({ decision: z.enum(DECISIONS, { error: "Choose the decision" }), decidedAt: optionalInstant("decision time"), note }).strict(),
  treatment_started: z.object({ treatment: z.enum(["radiotherapy", "surgery", "systemic_therapy"], { error: "Choose the treatment" }), note }).strict(),
  breach_reason: z
    .object({ clock: z.enum(CLOCK_IDS, { error: "Choose the clock" }), reason: z.enum(BREACH_REASONS, { error: "Choose the reason" }), text: text(2000, "Details") })
    .strict()
    .refine((v) => v.reason !== "other" || Boolean(v.text), { path: ["text"], message: "Say what the reason was" }),
  note: z.object({ text: requiredText(4000, "note") }).strict(),
  correction: z
    .object({ occurredAt: optionalInstant("corrected time"), retract: yesNo("withdraw the event"), reason: requiredText(1000, "reason for the correction") })
    .strict()
    .refine((v) => v.retract === true || v.occurredAt !== undefined, { path: ["occurredAt"], message: "Give the corrected time, or withdraw the event" }),
  discharged: z
    .object({
      destination: z.enum(DESTINATIONS, { error: "Choose the destination" }),
      ambulatoryStatus: z.enum(AMBULATORY_STATUSES, { error: "Choose the ambulatory status" }),
      frankelGrade: z.preprocess(blankToUndefined, z.enum(FRANKEL_GRADES, { error: "Choose the Frankel grade" }).optional()),
      // Why each checklist item still open at discharge was left (lib/domain/rehabilitation checkDischarge).
      openItemReasons: z.partialRecord(z.enum(CHECKLIST_ITEMS), z.string().trim().min(1, "Give the reason").max(1000, "The reason must be at most 1000 characters")).optional(),
      note,
    })
    .strict(),
  admitted: z.object({ note }).strict(),
  score_recorded: scoreData,
  physiotherapy_assessed: z.object({ note }).strict(),
  occupational_therapy_assessed: z.object({ note }).strict(),
} as const;

export type RecordableEventType = keyof typeof EVENT_DATA;
export const RECORDABLE_EVENT_TYPES = Object.keys(EVENT_DATA) as [RecordableEventType, ...RecordableEventType[]];

/** An event as the API and the forms send it: its type, when it happened, its data, and the version it was based on. */
export const appendEventInput = z
  .object({
    type: z.enum(RECORDABLE_EVENT_TYPES, { error: "Choose what to record" }),
    occurredAt: instant("time it happened"),
    expectedVersion: z.coerce.number({ error: "Missing the referral's version" }).int().positive("Missing the referral's version"),
    correctsEventId: z.preprocess(blankToUndefined, z.uuid("The event to correct is not valid").optional()),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .transform((v, ctx) => {
    const parsed = EVENT_DATA[v.type].safeParse(v.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["data", ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    if (v.type === "correction" && !v.correctsEventId) {
      ctx.addIssue({ code: "custom", path: ["correctsEventId"], message: "Say which event is corrected" });
      return z.NEVER;
    }
    // Instants inside data are stored as ISO strings (jsonb).
    const data = Object.fromEntries(Object.entries(parsed.data as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => [k, x instanceof Date ? x.toISOString() : x]));
    return { type: v.type, occurredAt: v.occurredAt, expectedVersion: v.expectedVersion, correctsEventId: v.correctsEventId ?? null, data };
  });
export type AppendEventInput = z.infer<typeof appendEventInput>;

export const listReferralsQuery = z.object({
  status: z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(",")), z.array(z.enum(REFERRAL_STATUSES)).optional()),
  category: z.enum(REFERRAL_CATEGORIES).optional(),
  nhsNumber: z.preprocess((v) => (typeof v === "string" ? normaliseNhsNumber(v) : v), z.string().regex(/^\d{10}$/, "An NHS number has 10 digits").optional()),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

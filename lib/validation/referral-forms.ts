import { z } from "zod";
import { appendEventInput, type AppendEventInput } from "./referrals";

/**
 * The referral page's forms as their server actions receive them: flat FormData, where an event's own fields
 * are named "data.<field>". These gather them into the shape appendEventInput (the JSON API's schema) expects
 * and validate with it, so a form and the API cannot accept different events. Field errors keep the form's
 * names ("data.modality"), so each shows beside its field.
 */

const referralId = z.uuid("This referral is not valid: reload the page");

const isBlank = (v: unknown) => v === undefined || (typeof v === "string" && v.trim() === "");

/** { "data.modality": "mri", type: "..." } → { type: "...", data: { modality: "mri" } }; a data object already given is kept. */
export function gatherEventForm(raw: unknown): Record<string, unknown> & { data: Record<string, unknown> } {
  const source = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const given = source.data !== null && typeof source.data === "object" && !Array.isArray(source.data) ? (source.data as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const data: Record<string, unknown> = { ...given };
  for (const [key, value] of Object.entries(source)) {
    if (key === "data") continue;
    if (key.startsWith("data.")) data[key.slice("data.".length)] = value;
    else out[key] = value;
  }
  return { ...out, data };
}

function forwardIssues(ctx: z.core.$RefinementCtx, error: z.ZodError, keep: (path: string) => boolean = () => true): void {
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (keep(path.join("."))) ctx.addIssue({ code: "custom", path, message: issue.message });
  }
}

function refuseReferralId(ctx: z.core.$RefinementCtx, error: z.ZodError): void {
  for (const issue of error.issues) ctx.addIssue({ code: "custom", path: ["referralId"], message: issue.message });
}

// Events whose clinical time is the moment they are recorded: the forms for them ask no time.
const RECORDED_NOW = ["breach_reason", "correction", "acknowledged"];

/** Record an event, give a breach reason, or correct an event: one event on one referral. */
export const recordEventForm = z.unknown().transform((raw, ctx): { referralId: string; event: AppendEventInput } => {
  const form = gatherEventForm(raw);
  const id = referralId.safeParse(form.referralId);
  if (!id.success) refuseReferralId(ctx, id.error);
  if (typeof form.type === "string" && RECORDED_NOW.includes(form.type) && isBlank(form.occurredAt)) form.occurredAt = new Date().toISOString();
  const event = appendEventInput.safeParse(form);
  if (!event.success) forwardIssues(ctx, event.error);
  if (!id.success || !event.success) return z.NEVER;
  return { referralId: id.data, event: event.data };
});
export type RecordEventForm = z.infer<typeof recordEventForm>;

/** The escalation choice meaning "the registrar first on call at that moment". */
export const ON_CALL = "on_call";

/**
 * Triage: the category confirmed and the advice given ("triaged"), and, when a registrar is chosen in
 * data.toUserId, the escalation to them ("escalated") at the same time, based on the version after triage.
 */
export const triageForm = z.unknown().transform((raw, ctx): { referralId: string; triaged: AppendEventInput; escalated: AppendEventInput | null } => {
  const form = gatherEventForm(raw);
  const { toUserId, ...triageData } = form.data;
  const id = referralId.safeParse(form.referralId);
  if (!id.success) refuseReferralId(ctx, id.error);
  const triaged = appendEventInput.safeParse({ type: "triaged", occurredAt: form.occurredAt, expectedVersion: form.expectedVersion, data: triageData });
  if (!triaged.success) forwardIssues(ctx, triaged.error);
  let escalated: AppendEventInput | null = null;
  let escalationRefused = false;
  if (!isBlank(toUserId)) {
    // "on_call": whoever is first on call on the rota at the time of triage (the server looks it up).
    const data = toUserId === ON_CALL ? {} : { toUserId };
    const parsed = appendEventInput.safeParse({ type: "escalated", occurredAt: form.occurredAt, expectedVersion: Number(form.expectedVersion) + 1, data });
    // Time and version are already reported for the triage; only the registrar's own field is new here.
    if (parsed.success) escalated = parsed.data;
    else {
      escalationRefused = true;
      forwardIssues(ctx, parsed.error, (path) => path.startsWith("data."));
    }
  }
  if (!id.success || !triaged.success || escalationRefused) return z.NEVER;
  return { referralId: id.data, triaged: triaged.data, escalated };
});
export type TriageForm = z.infer<typeof triageForm>;

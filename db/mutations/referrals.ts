import "server-only";
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { buildTimeline } from "@/lib/domain/clocks";
import { checkDexamethasoneDose } from "@/lib/domain/dexamethasone";
import { checkAcknowledger, needsSecondLine, pendingEscalation, SYSTEM_NAME } from "@/lib/domain/escalation";
import { checkNewEvent, statusAfterEvent, type NewEvent } from "@/lib/domain/referral-rules";
import { formatDateTime } from "@/lib/domain/time-format";
import { CLOSED_REFERRAL_STATUSES, isReferralActive, suggestReferralCategory } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import type { AppendEventInput, CreateReferralInput } from "@/lib/validation/referrals";
import type { Tx } from "../client";
import { findOnCall } from "../queries/rota";
import { listPathwaySettingsHistory } from "../queries/settings";
import { isUuid } from "../queries/users";
import { patients, referralEvents, referrals, users, type NewReferralEvent } from "../schema";
import { recordAudit } from "./audit";
import { checkDischargeEvent } from "./rehabilitation";
import { enqueueEscalationWebhook } from "./webhooks";
import { notifyReferralsChanged, refreshWorklistSummaries } from "./worklist";

/** Who made a change: a user, or (null) the system itself, sending an unacknowledged escalation on. */
export interface Actor {
  id: string;
  /** Set when the change came through a personal API token. */
  apiTokenId?: string | null;
}

const via = (actor: Actor) => (actor.apiTokenId ? { via: "api_token", apiTokenId: actor.apiTokenId } : undefined);

/** A second open referral for the same patient is refused, naming the open one so the user adds to it. */
async function refuseIfOpenReferral(tx: Tx, patientId: string): Promise<void> {
  const [open] = await tx
    .select({ id: referrals.id, receivedAt: referrals.receivedAt })
    .from(referrals)
    .where(and(eq(referrals.patientId, patientId), notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES])))
    .limit(1);
  if (open) {
    throw new AppError(
      "conflict",
      `This patient already has an open referral, received ${formatDateTime(open.receivedAt)}. Add to that referral instead of starting another.`,
      { nhsNumber: [`Open referral ${open.id}`] },
    );
  }
}

/**
 * Takes a referral: the patient (found by NHS number, or added), the referral with its suggested category,
 * its "received" event, and what was already done before it (dexamethasone, immobilisation) as events at the
 * times they happened, then the audit row: all in the caller's transaction.
 */
export async function createReferral(tx: Tx, input: { actor: Actor; referral: CreateReferralInput; now: Date }): Promise<{ id: string; patientId: string }> {
  const r = input.referral;
  const receivedAt = r.receivedAt ?? input.now;
  if (receivedAt.getTime() > input.now.getTime() + 5 * 60_000) {
    throw new AppError("validation", "The referral cannot be received in the future.", { receivedAt: ["The time received is in the future"] });
  }

  let [patient] = await tx.select().from(patients).where(eq(patients.nhsNumber, r.nhsNumber)).for("update");
  if (patient) await refuseIfOpenReferral(tx, patient.id);
  else {
    [patient] = await tx
      .insert(patients)
      .values({ nhsNumber: r.nhsNumber, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, hospitalNumber: r.hospitalNumber, phone: r.phone, location: r.location })
      .returning();
  }
  if (!patient) throw new Error("patient insert returned no row");

  const [referral] = await tx
    .insert(referrals)
    .values({
      patientId: patient.id,
      category: suggestReferralCategory(r.neurology),
      receivedAt,
      referrerName: r.referrerName,
      referrerRole: r.referrerRole,
      referrerOrganisation: r.referrerOrganisation,
      referrerContact: r.referrerContact,
      symptoms: r.symptoms,
      neurology: r.neurology,
      neurologyOnsetAt: r.neurologyOnsetAt,
      ambulatoryStatus: r.ambulatoryStatus,
      primaryCancer: r.primaryCancer,
      knownMetastases: r.knownMetastases,
      currentTreatment: r.currentTreatment,
      haematologicalSuspected: r.haematologicalSuspected,
      previousSpinalRadiotherapy: r.previousSpinalRadiotherapy,
      previousSpinalRadiotherapyLevel: r.previousSpinalRadiotherapyLevel,
      imagingAvailable: r.imagingAvailable,
      createdBy: input.actor.id,
      updatedBy: input.actor.id,
    })
    .returning();
  if (!referral) throw new Error("referral insert returned no row");

  const events: NewReferralEvent[] = [{ referralId: referral.id, type: "received", occurredAt: receivedAt, recordedBy: input.actor.id, data: {} }];
  if (r.dexamethasoneGivenAt) {
    events.push({
      referralId: referral.id,
      type: "dexamethasone_given",
      occurredAt: r.dexamethasoneGivenAt,
      recordedBy: input.actor.id,
      data: { drug: "dexamethasone", doseMg: r.dexamethasoneDoseMg, route: "oral", beforeReferral: true },
    });
  }
  if (r.immobilisationAdvisedAt) {
    events.push({ referralId: referral.id, type: "immobilisation_advised", occurredAt: r.immobilisationAdvisedAt, recordedBy: input.actor.id, data: { beforeReferral: true } });
  }
  await tx.insert(referralEvents).values(events);
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "referral.create",
    entityType: "referral",
    entityId: referral.id,
    after: { status: referral.status, category: referral.category, receivedAt: receivedAt.toISOString(), patientId: patient.id },
    context: via(input.actor),
  });
  await refreshWorklistSummaries(tx, [referral.id]);
  await notifyReferralsChanged(tx, [referral.id]);
  return { id: referral.id, patientId: patient.id };
}

/**
 * Appends an event. The caller names the version it saw; a stale one is refused naming who changed the referral
 * and when (house rule 6). Times and order are checked by lib/domain/referral-rules, then the status moves as
 * the event implies; the event, the referral's new version and the audit row are written together.
 */
export async function appendReferralEvent(
  tx: Tx,
  input: { actor: Actor; referralId: string; event: AppendEventInput; now: Date },
): Promise<{ eventId: string; version: number; status: string }> {
  if (!isUuid(input.referralId)) throw new AppError("not_found", "No such referral.");
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId)).for("update");
  if (!referral) throw new AppError("not_found", "No such referral.");
  if (referral.version !== input.event.expectedVersion) {
    const [editor] = referral.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, referral.updatedBy)) : [{ name: SYSTEM_NAME }];
    throw new AppError(
      "conflict",
      `${editor?.name ?? "Someone"} changed this referral at ${formatDateTime(referral.updatedAt)} while you were working on it. Reload to see their change; what you entered is still in the form.`,
    );
  }

  const recorded = await tx
    .select({ id: referralEvents.id, type: referralEvents.type, occurredAt: referralEvents.occurredAt, data: referralEvents.data, correctsEventId: referralEvents.correctsEventId })
    .from(referralEvents)
    .where(eq(referralEvents.referralId, referral.id))
    .orderBy(asc(referralEvents.occurredAt));
  const event: NewEvent = { type: input.event.type, occurredAt: input.event.occurredAt, data: input.event.data, correctsEventId: input.event.correctsEventId };
  const rule = checkNewEvent({ receivedAt: referral.receivedAt, events: recorded, event, now: input.now });
  if (!rule.ok) throw new AppError("unprocessable", rule.message, { [rule.field]: [rule.message] });
  if (event.type === "dexamethasone_given") {
    // Doses withdrawn by a correction do not count as given.
    const dosesGiven = buildTimeline(recorded).filter((e) => e.type === "dexamethasone_given").length;
    const dose = checkDexamethasoneDose({ haematologicalSuspected: referral.haematologicalSuspected, dosesGiven, overrideReason: event.data.overrideReason });
    if (!dose.ok) throw new AppError("unprocessable", dose.message, { [dose.field]: [dose.message] });
  }
  const outcome = statusAfterEvent(referral.status, event);
  if (!outcome.ok) throw new AppError("unprocessable", outcome.message, { type: [outcome.message] });
  if (event.type === "discharged") event.data = await checkDischargeEvent(tx, { referralId: referral.id, data: event.data });

  if (event.type === "escalated") {
    // No registrar chosen: it goes to whoever is first on call at the moment of the escalation.
    if (typeof event.data.toUserId !== "string") {
      const onCall = await findOnCall({ line: "first", at: event.occurredAt, db: tx });
      if (!onCall) {
        const message = `Nobody is first on call on the rota at ${formatDateTime(event.occurredAt)}: choose the registrar to escalate to.`;
        throw new AppError("validation", message, { "data.toUserId": [message] });
      }
      event.data = { ...event.data, toUserId: onCall.userId, fromRota: true };
    }
    const [registrar] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, String(event.data.toUserId)));
    if (!registrar?.active || registrar.role !== "registrar") {
      throw new AppError("validation", "Escalate to an active registrar.", { "data.toUserId": ["Choose an active registrar"] });
    }
  }
  if (event.type === "acknowledged") {
    const [settingsHistory, [me]] = await Promise.all([
      listPathwaySettingsHistory(tx),
      tx.select({ role: users.role }).from(users).where(eq(users.id, input.actor.id)),
    ]);
    const pending = pendingEscalation({ category: referral.category, timeline: buildTimeline(recorded), settingsHistory });
    const holderIds = [pending?.toUserId, pending?.firstLineUserId].filter((x): x is string => typeof x === "string");
    const holders = holderIds.length > 0 ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, holderIds)) : [];
    const check = checkAcknowledger(pending, { id: input.actor.id, role: me?.role ?? "" }, (id) => holders.find((h) => h.id === id)?.name ?? "another clinician");
    if (!check.ok) throw new AppError(pending === null ? "unprocessable" : "forbidden", check.message, { type: [check.message] });
  }

  const [created] = await tx
    .insert(referralEvents)
    .values({ referralId: referral.id, type: event.type, occurredAt: event.occurredAt, recordedBy: input.actor.id, data: event.data, correctsEventId: input.event.correctsEventId })
    .returning({ id: referralEvents.id });
  if (!created) throw new Error("event insert returned no row");
  if (event.type === "escalated") {
    await enqueueEscalationWebhook(tx, { referralId: referral.id, eventId: created.id, level: 1, toUserId: String(event.data.toUserId), category: referral.category, escalatedAt: event.occurredAt });
  }

  const changes = {
    status: outcome.status,
    version: referral.version + 1,
    updatedBy: input.actor.id,
    updatedAt: input.now,
    ...(event.type === "triaged" ? { category: event.data.category as typeof referral.category } : {}),
    ...(event.type === "escalated" ? { assignedRegistrarId: String(event.data.toUserId) } : {}),
  };
  await tx.update(referrals).set(changes).where(eq(referrals.id, referral.id));
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: `referral.event.${event.type}`,
    entityType: "referral",
    entityId: referral.id,
    before: { status: referral.status, category: referral.category, version: referral.version },
    after: { status: changes.status, category: changes.category ?? referral.category, version: changes.version, eventId: created.id },
    context: via(input.actor),
  });
  await refreshWorklistSummaries(tx, [referral.id]);
  await notifyReferralsChanged(tx, [referral.id]);
  return { eventId: created.id, version: changes.version, status: changes.status };
}

/**
 * Sends on an escalation that was not acknowledged by its deadline: a second "escalated" event (level 2) to
 * whoever is second line on the rota now (or to nobody, said so, when the rota has a gap), recorded by the
 * system, with its audit row, worklist summary, notification and webhook call, in the caller's transaction.
 * The referral is locked and its events re-read first, so an acknowledgement that won the race, or another
 * instance's sweep, leaves nothing to do (null).
 */
export async function escalateToSecondLine(tx: Tx, input: { referralId: string; now: Date }): Promise<{ eventId: string; toUserId: string | null } | null> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId)).for("update");
  if (!referral || !isReferralActive(referral.status)) return null;
  const [recorded, settingsHistory] = await Promise.all([
    tx
      .select({ id: referralEvents.id, type: referralEvents.type, occurredAt: referralEvents.occurredAt, data: referralEvents.data, correctsEventId: referralEvents.correctsEventId })
      .from(referralEvents)
      .where(eq(referralEvents.referralId, referral.id))
      .orderBy(asc(referralEvents.occurredAt)),
    listPathwaySettingsHistory(tx),
  ]);
  const pending = pendingEscalation({ category: referral.category, timeline: buildTimeline(recorded), settingsHistory });
  if (!pending || !needsSecondLine(pending, input.now)) return null;
  const second = await findOnCall({ line: "second", at: input.now, db: tx });
  const toUserId = second?.userActive ? second.userId : null;
  const data = { level: 2, toUserId, firstLineUserId: pending.firstLineUserId, automatic: true, acknowledgementDueAt: pending.acknowledgementDueAt.toISOString() };
  const [created] = await tx
    .insert(referralEvents)
    .values({ referralId: referral.id, type: "escalated", occurredAt: input.now, recordedBy: null, data })
    .returning({ id: referralEvents.id });
  if (!created) throw new Error("event insert returned no row");
  const version = referral.version + 1;
  await tx.update(referrals).set({ version, updatedBy: null, updatedAt: input.now }).where(eq(referrals.id, referral.id));
  await recordAudit(tx, {
    actorId: null,
    action: "referral.event.escalated",
    entityType: "referral",
    entityId: referral.id,
    before: { version: referral.version, escalationLevel: 1 },
    after: { version, escalationLevel: 2, eventId: created.id, toUserId },
    context: { automatic: true, reason: "not acknowledged by the deadline" },
  });
  await enqueueEscalationWebhook(tx, { referralId: referral.id, eventId: created.id, level: 2, toUserId, category: referral.category, escalatedAt: pending.escalatedAt });
  await refreshWorklistSummaries(tx, [referral.id]);
  await notifyReferralsChanged(tx, [referral.id]);
  return { eventId: created.id, toUserId };
}

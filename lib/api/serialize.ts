import type { ReferralDetail, searchReferrals } from "@/db/queries/referrals";
import type { Clock, SettingsVersion } from "@/lib/domain/clocks";
import type { ClockJson, PathwaySettingsJson, ReferralDetailJson, ReferralListJson } from "./schemas";

/**
 * The one place the API turns what the database and the clock engine return into JSON: instants become ISO
 * strings in UTC, durations stay milliseconds, and only the fields documented in lib/api/schemas.ts go out.
 */

function iso(instant: Date): string;
function iso(instant: Date | null): string | null;
function iso(instant: Date | null): string | null {
  return instant === null ? null : instant.toISOString();
}

export function clockToJson(clock: Clock): ClockJson {
  return {
    id: clock.id,
    label: clock.label,
    source: clock.source,
    status: clock.status,
    startAt: iso(clock.startAt),
    dueAt: iso(clock.dueAt),
    stopAt: iso(clock.stopAt),
    atRiskAt: iso(clock.atRiskAt),
    targetMinutes: clock.targetMinutes,
    timeLeftMs: clock.timeLeftMs,
    overrunMs: clock.overrunMs,
    breachReason: clock.breachReason,
    reasonRequired: clock.reasonRequired,
  };
}

export function referralDetailToJson(detail: ReferralDetail): ReferralDetailJson {
  const { referral: r, patient: p } = detail;
  return {
    referral: {
      id: r.id,
      patientId: r.patientId,
      status: r.status,
      category: r.category,
      receivedAt: iso(r.receivedAt),
      referrerName: r.referrerName,
      referrerRole: r.referrerRole,
      referrerOrganisation: r.referrerOrganisation,
      referrerContact: r.referrerContact,
      symptoms: r.symptoms,
      neurology: r.neurology,
      neurologyOnsetAt: iso(r.neurologyOnsetAt),
      ambulatoryStatus: r.ambulatoryStatus,
      primaryCancer: r.primaryCancer,
      knownMetastases: r.knownMetastases,
      currentTreatment: r.currentTreatment,
      haematologicalSuspected: r.haematologicalSuspected,
      previousSpinalRadiotherapy: r.previousSpinalRadiotherapy,
      previousSpinalRadiotherapyLevel: r.previousSpinalRadiotherapyLevel,
      imagingAvailable: r.imagingAvailable,
      assignedRegistrarId: r.assignedRegistrarId,
      assignedRegistrarName: detail.registrarName,
      version: r.version,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      updatedByName: detail.updatedByName,
    },
    patient: {
      id: p.id,
      nhsNumber: p.nhsNumber,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      hospitalNumber: p.hospitalNumber,
      phone: p.phone,
      location: p.location,
    },
    events: detail.events.map((e) => ({
      id: e.id,
      type: e.type,
      occurredAt: iso(e.occurredAt),
      recordedAt: iso(e.recordedAt),
      recordedByName: e.recordedByName,
      data: e.data,
      correctsEventId: e.correctsEventId,
    })),
    clocks: detail.clocks.map(clockToJson),
    missing: detail.missing,
  };
}

export function referralListToJson(page: Awaited<ReturnType<typeof searchReferrals>>): ReferralListJson {
  return {
    items: page.items.map((row) => ({
      id: row.id,
      status: row.status,
      category: row.category,
      receivedAt: iso(row.receivedAt),
      referrerRole: row.referrerRole,
      ambulatoryStatus: row.ambulatoryStatus,
      updatedAt: iso(row.updatedAt),
      patientGivenName: row.patientGivenName,
      patientFamilyName: row.patientFamilyName,
      nhsNumber: row.nhsNumber,
      dateOfBirth: row.dateOfBirth,
      registrarName: row.registrarName,
    })),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export function pathwaySettingsToJson(input: Omit<PathwaySettingsJson, "history"> & { history: readonly SettingsVersion[] }): PathwaySettingsJson {
  return {
    current: { ...input.current },
    history: input.history.map((v) => ({ effectiveFrom: iso(v.effectiveFrom), settings: { ...v.settings } })),
    sources: input.sources,
    defaults: { ...input.defaults },
  };
}

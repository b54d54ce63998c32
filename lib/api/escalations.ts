import { initialsOf, lastFourOf } from "@/lib/domain/worklist";
import type { ReferralCategory } from "@/lib/domain/vocabulary";
import type { WaitingEscalationsJson } from "./schemas";

export type { WaitingEscalationJson, WaitingEscalationsJson } from "./schemas";

export interface WaitingEscalationInput {
  id: string;
  version: number;
  category: ReferralCategory;
  level: number;
  escalatedToId: string | null;
  escalatedAt: Date | null;
  acknowledgementDueAt: Date | null;
  givenName: string;
  familyName: string;
  nhsNumber: string;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function escalationsToJson(rows: readonly WaitingEscalationInput[], now: Date): WaitingEscalationsJson {
  return {
    generatedAt: now.getTime(),
    escalations: rows.map((r) => ({
      referralId: r.id,
      version: r.version,
      category: r.category,
      level: r.level,
      escalatedToId: r.escalatedToId,
      escalatedAt: iso(r.escalatedAt),
      acknowledgementDueAt: iso(r.acknowledgementDueAt),
      patientInitials: initialsOf(r.givenName, r.familyName),
      nhsNumberLastFour: lastFourOf(r.nhsNumber),
    })),
  };
}

import type { ReferralEventType } from "@/lib/domain/referral-events";
import { EVENT_TYPE_LABELS } from "@/components/referrals/event-labels";

/** The audit trail's action codes (area.verb) in words, for the administrator's view. */
const ACTION_LABELS: Record<string, string> = {
  "referral.view": "Looked at a referral",
  "referral.create": "Created a referral",
  "referral.export_fhir": "Exported a referral as FHIR",
  "referral.import_fhir": "Imported a referral from FHIR",
  "worklist.export_csv": "Exported the worklist as CSV",
  "audit.export_measures_csv": "Exported the QS56 measures as CSV",
  "audit.export_referrals_csv": "Exported the referral-level audit data set as CSV",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed to sign in",
  "auth.sign_in_refused": "Sign-in refused",
  "auth.sign_out": "Signed out",
  "user.create": "Created a user",
  "user.change_role": "Changed a user's role",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.link_oidc": "Linked a single sign-on identity",
  "api_token.create": "Created an API token",
  "api_token.revoke": "Revoked an API token",
  "pathway_settings.change": "Changed the pathway settings",
  "service_contacts.change": "Changed the service contacts",
  "webhook.set_url": "Changed the escalation webhook",
  "rota.add_shift": "Added a rota shift",
  "rota.remove_shift": "Removed a rota shift",
  "receipt.issue": "Issued a referrer's receipt",
  "receipt.reissue": "Reissued a referrer's receipt",
  "rehab_plan.create": "Started a rehabilitation plan",
  "rehab_plan.update": "Changed a rehabilitation plan",
  "equipment.add": "Added an equipment item",
  "equipment.update": "Changed an equipment item",
  "seed.demo_data": "Loaded the demo data",
};

/** "referral.event.triaged" reads "Recorded on a referral: Triaged"; a code with no words yet reads as itself. */
export function describeAuditAction(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const event = /^referral\.event\.([a-z_]+)$/.exec(action)?.[1];
  if (event && event in EVENT_TYPE_LABELS) return `Recorded on a referral: ${EVENT_TYPE_LABELS[event as ReferralEventType]}`;
  const equipment = /^equipment\.([a-z_]+)$/.exec(action)?.[1];
  if (equipment) return `Equipment item marked ${equipment.replace(/_/g, " ")}`;
  return action;
}

const VIA_LABELS: Record<string, string> = {
  "/referrals/[id]": "on the referral page",
  "/referrals/[id]/patient-sheet": "on the patient information sheet",
  "/referrals/[id]/discharge-summary": "on the discharge summary",
  "GET /api/v1/referrals/[id]": "through the API",
};

/** Where a read or change came from, from its context: "on the discharge summary", "through the API". */
export function describeAuditVia(context: Record<string, unknown> | null): string | null {
  const via = context?.via;
  if (typeof via !== "string") return null;
  if (via === "api_token") return "through the API";
  return VIA_LABELS[via] ?? null;
}

import { getDb } from "@/db/client";
import { createReferral, appendReferralEvent } from "@/db/mutations/referrals";
import { recordAudit } from "@/db/mutations/audit";
import { callerOf } from "@/lib/api/request";
import { can, permissionForEvent } from "@/lib/auth/permissions";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { fhirReferralBundle, toFhirFields } from "@/lib/fhir/import";
import { defineRoute, json, readJson } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * A ServiceRequest Bundle from another system becomes a new referral: the form's validation and the events
 * API's rules apply, and every refusal names the FHIR path of each problem. The referral, its events and their
 * audit rows are written in one transaction, so a Bundle refused half-way leaves nothing behind. A patient
 * with an open referral is refused (409) by the same mutation as the referrals API.
 */
export const POST = defineRoute("/api/v1/fhir/import", "POST", async (ctx) => {
  const { user, actor } = callerOf(ctx);
  const imported = await readJson(ctx.request, fhirReferralBundle);

  // The events are recorded by the caller, so the caller's role must allow each kind (as on the events API).
  for (const { event, entry } of imported.events) {
    const permission = permissionForEvent(event.type);
    if (!can(user.role, permission)) {
      const who = ROLES.filter((r) => can(r, permission)).map((r) => ROLE_LABELS[r]);
      throw new AppError("forbidden", `Your role cannot record this (${event.type}): it is for the ${who.join(" or ")}.`, { [entry]: [`Your role cannot record ${event.type}`] });
    }
  }

  const now = new Date();
  const { id } = await getDb().transaction(async (tx) => {
    const created = await createReferral(tx, { actor, referral: imported.referral, now }).catch((error: unknown) => {
      throw moved(error, imported.referralPaths, imported.serviceRequestPath);
    });
    let version = 1;
    for (const { event, entry, paths } of imported.events) {
      const appended = await appendReferralEvent(tx, { actor, referralId: created.id, event: { ...event, expectedVersion: version }, now }).catch((error: unknown) => {
        throw moved(error, paths, entry);
      });
      version = appended.version;
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "referral.import_fhir",
      entityType: "referral",
      entityId: created.id,
      after: { events: imported.events.length, version },
      context: actor.apiTokenId ? { via: "api_token", apiTokenId: actor.apiTokenId } : undefined,
    });
    return created;
  });
  const response = json({ id, location: `/api/v1/referrals/${id}` }, 201);
  response.headers.set("location", `/api/v1/referrals/${id}`);
  return response;
});

/** A refusal from the mutations, its fields moved to the FHIR paths they came from. */
function moved(error: unknown, paths: Record<string, string>, fallback: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, error.message, toFhirFields(error.fields ?? { _: [error.message] }, paths, fallback));
}

import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { getReferralDetail } from "@/db/queries/referrals";
import { callerOf } from "@/lib/api/request";
import { AppError } from "@/lib/errors";
import { referralToFhirBundle } from "@/lib/fhir/export";
import { defineRoute, routeParam } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * One referral as a FHIR R4 Bundle (UK Core). Who exported which referral, and which resources went, is written
 * to the audit trail in the same transaction as the read: an export that cannot be recorded is not sent.
 */
export const GET = defineRoute("/api/v1/referrals/[id]/fhir", "GET", async (ctx) => {
  const { actor } = callerOf(ctx);
  const id = await routeParam(ctx.context, "id");
  const now = new Date();
  const bundle = await getDb().transaction(async (tx) => {
    const detail = await getReferralDetail({ id, now, db: tx as unknown as Db });
    if (!detail) throw new AppError("not_found", "No such referral.");
    const exported = referralToFhirBundle(detail, now);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "referral.export_fhir",
      entityType: "referral",
      entityId: detail.referral.id,
      after: { bundleId: exported.id, resources: exported.entry.length },
      context: { patientId: detail.patient.id, ...(actor.apiTokenId ? { via: "api_token", apiTokenId: actor.apiTokenId } : {}) },
    });
    return exported;
  });
  return new Response(JSON.stringify(bundle), {
    headers: {
      "content-type": "application/fhir+json; charset=utf-8",
      "content-disposition": `attachment; filename="referral-${bundle.identifier.value.slice("urn:uuid:".length)}.fhir.json"`,
      "cache-control": "no-store",
    },
  });
});

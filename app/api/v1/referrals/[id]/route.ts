import { getReferralDetail } from "@/db/queries/referrals";
import { referralDetailToJson } from "@/lib/api/serialize";
import { callerOf } from "@/lib/api/request";
import { AppError } from "@/lib/errors";
import { auditReferralView } from "@/lib/server/referral-view";
import { defineRoute, json, routeParam } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** A referral with its patient, events, clocks as of now, and what its data set still lacks. Each read is audited. */
export const GET = defineRoute("/api/v1/referrals/[id]", "GET", async (ctx) => {
  const { actor } = callerOf(ctx);
  const detail = await getReferralDetail({ id: await routeParam(ctx.context, "id"), now: new Date() });
  if (!detail) throw new AppError("not_found", "No such referral.");
  await auditReferralView({ actorId: actor.id, referralId: detail.referral.id, patientId: detail.patient.id, via: "GET /api/v1/referrals/[id]", apiTokenId: actor.apiTokenId });
  return json(referralDetailToJson(detail));
});

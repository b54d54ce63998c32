import { getReferralDetail } from "@/db/queries/referrals";
import { referralDetailToJson } from "@/lib/api/serialize";
import { AppError } from "@/lib/errors";
import { defineRoute, json, routeParam } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** A referral with its patient, events, clocks as of now, and what its data set still lacks. */
export const GET = defineRoute("/api/v1/referrals/[id]", "GET", async ({ context }) => {
  const detail = await getReferralDetail({ id: await routeParam(context, "id"), now: new Date() });
  if (!detail) throw new AppError("not_found", "No such referral.");
  return json(referralDetailToJson(detail));
});

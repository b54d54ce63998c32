import { getDb } from "@/db/client";
import { appendReferralEvent } from "@/db/mutations/referrals";
import { getReferralDetail } from "@/db/queries/referrals";
import { callerOf } from "@/lib/api/request";
import { clockToJson } from "@/lib/api/serialize";
import { can, permissionForEvent } from "@/lib/auth/permissions";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { defineRoute, json, readJson, routeParam } from "@/lib/server/route";
import { appendEventInput } from "@/lib/validation/referrals";

export const dynamic = "force-dynamic";

/**
 * Appends an event, or a correction naming the event it corrects. The route's permission lets the caller record
 * events at all; triaging and escalating need more (permissionForEvent), checked here once the type is known.
 */
export const POST = defineRoute("/api/v1/referrals/[id]/events", "POST", async (ctx) => {
  const { user, actor } = callerOf(ctx);
  const referralId = await routeParam(ctx.context, "id");
  const event = await readJson(ctx.request, appendEventInput);
  const permission = permissionForEvent(event.type);
  if (!can(user.role, permission)) {
    const who = ROLES.filter((r) => can(r, permission)).map((r) => ROLE_LABELS[r]);
    throw new AppError("forbidden", `Your role cannot record this (${event.type}): it is for the ${who.join(" or ")}.`);
  }
  const appended = await getDb().transaction((tx) => appendReferralEvent(tx, { actor, referralId, event, now: new Date() }));
  const detail = await getReferralDetail({ id: referralId, now: new Date() });
  if (!detail) throw new Error("the referral just changed was not found");
  return json({ ...appended, clocks: detail.clocks.map(clockToJson) }, 201);
});

import { getDb } from "@/db/client";
import { createReferral } from "@/db/mutations/referrals";
import { getReferralDetail, searchReferrals } from "@/db/queries/referrals";
import { callerOf, readQuery } from "@/lib/api/request";
import { referralDetailToJson, referralListToJson } from "@/lib/api/serialize";
import { defineRoute, json, readJson } from "@/lib/server/route";
import { createReferralInput, listReferralsQuery } from "@/lib/validation/referrals";

export const dynamic = "force-dynamic";

/** Referrals by status, category, NHS number and whether open, newest first, a page at a time. */
export const GET = defineRoute("/api/v1/referrals", "GET", async ({ request }) => {
  const query = readQuery(request, listReferralsQuery);
  return json(referralListToJson(await searchReferrals(query)));
});

/** Takes a referral; a patient with an open referral is refused (409) by the mutation, naming it. */
export const POST = defineRoute("/api/v1/referrals", "POST", async (ctx) => {
  const { actor } = callerOf(ctx);
  const referral = await readJson(ctx.request, createReferralInput);
  const { id } = await getDb().transaction((tx) => createReferral(tx, { actor, referral, now: new Date() }));
  const detail = await getReferralDetail({ id, now: new Date() });
  if (!detail) throw new Error("the referral just created was not found");
  const response = json(referralDetailToJson(detail), 201);
  response.headers.set("location", `/api/v1/referrals/${id}`);
  return response;
});

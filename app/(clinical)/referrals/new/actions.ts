"use server";

import { createReferral } from "@/db/mutations/referrals";
import { defineAction } from "@/lib/server/action";
import { createReferralInput } from "@/lib/validation/referrals";

export const createReferralAction = defineAction({
  name: "referral.create",
  permission: "referral:create",
  input: createReferralInput,
  successMessage: "Referral created.",
  revalidate: ["/worklist"],
  run: ({ tx, user, input }) => createReferral(tx, { actor: { id: user.id }, referral: input, now: new Date() }),
});

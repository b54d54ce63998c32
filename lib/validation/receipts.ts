import { z } from "zod";

/** "Issue a new status link" on the referral page: the referral is all it needs. */
export const issueReceiptInput = z.object({ referralId: z.uuid("No such referral") });

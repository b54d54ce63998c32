import { z } from "zod";
import { MAX_SHIFT_DAYS, ROTA_LINES } from "@/lib/domain/escalation";
import { instant } from "./referrals";

/** A shift on the on-call rota: the line, who stands on it, and from when to when (London wall clock or ISO). */
export const addRotaShiftInput = z
  .object({
    line: z.enum(ROTA_LINES, { error: "Choose the line: first on call or second line" }),
    userId: z.uuid({ error: "Choose who is on call" }),
    startsAt: instant("time the shift starts"),
    endsAt: instant("time the shift ends"),
  })
  .superRefine((v, ctx) => {
    // Runs even when a time was refused (zod reports every field at once): compare only two real instants.
    if (!(v.startsAt instanceof Date) || !(v.endsAt instanceof Date)) return;
    const length = v.endsAt.getTime() - v.startsAt.getTime();
    if (length <= 0) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The shift must end after it starts" });
    else if (length > MAX_SHIFT_DAYS * 24 * 3_600_000) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: `A shift can be at most ${MAX_SHIFT_DAYS} days long: add the rest as another shift` });
    }
  });
export type AddRotaShiftInput = z.infer<typeof addRotaShiftInput>;

export const removeRotaShiftInput = z.object({ id: z.uuid({ error: "No such shift" }) });

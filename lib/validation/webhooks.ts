import { z } from "zod";
import { isLoopbackHost } from "@/lib/env";

export const WEBHOOK_URL_MAX_LENGTH = 2000;


/** Why an address cannot take escalation calls, or null when it can. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full address, starting https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Enter a full address, starting https://";
  // Credentials in the address would be shown on this page and kept in its history: calls are signed instead.
  if (url.username || url.password) return "Leave out the user name and password: each call is signed with MSCC_WEBHOOK_SECRET instead";
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) return "Use https:// (plain http:// only to this machine: localhost, 127.0.0.1 or [::1])";
  return null;
}

/** The admin's form: save an address, or turn the webhook off. */
export const webhookUrlInput = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("clear") }),
    z.object({
      intent: z.literal("set"),
      url: z
        .string({ error: "Enter the address, or turn the webhook off" })
        .trim()
        .min(1, { error: "Enter the address, or turn the webhook off", abort: true })
        .max(WEBHOOK_URL_MAX_LENGTH, { error: `The address must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`, abort: true })
        .superRefine((value, ctx) => {
          const problem = webhookUrlProblem(value);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
    }),
  ],
  { error: "Choose to save an address or to turn the webhook off" },
);

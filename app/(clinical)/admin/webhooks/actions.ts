"use server";

import { setWebhookUrl } from "@/db/mutations/webhooks";
import { defineAction } from "@/lib/server/action";
import { webhookUrlInput } from "@/lib/validation/webhooks";

/** Sets the address escalations are posted to, or turns the webhook off: a new version, with its audit row. */
export const setWebhookUrlAction = defineAction({
  name: "webhook.set_url",
  permission: "webhooks:manage",
  input: webhookUrlInput,
  successMessage: "Saved. The address in force is shown above.",
  revalidate: ["/admin/webhooks"],
  run: async ({ tx, user, input }) => {
    const url = input.intent === "set" ? input.url : null;
    await setWebhookUrl(tx, { actorId: user.id, url });
    return { url };
  },
});

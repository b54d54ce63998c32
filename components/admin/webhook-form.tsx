"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";
import { WEBHOOK_URL_MAX_LENGTH } from "@/lib/validation/webhooks";

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ url: string | null }>>;
  url: string | null;
}

/** The address escalations are posted to; turning it off asks first, since the paging system then hears nothing. */
export function WebhookForm({ action, url }: Props) {
  const save = useFormAction(action);
  const off = useFormAction(action);
  return (
    <div className="max-w-3xl space-y-4 rounded bg-white p-6 shadow">
      <form onSubmit={save.onSubmit} noValidate className="space-y-4">
        <ActionMessage state={save.state} />
        <input type="hidden" name="intent" value="set" />
        <FormField
          id="webhook-url"
          label="Webhook address"
          hint="The paging system's address for escalations. https:// is required, except to this machine (localhost)."
          errors={save.fields?.url}
        >
          {(d, invalid) => (
            <input
              id="webhook-url"
              name="url"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              maxLength={WEBHOOK_URL_MAX_LENGTH}
              defaultValue={url ?? ""}
              placeholder="https://"
              className={inputClass}
              aria-describedby={d}
              aria-invalid={invalid}
            />
          )}
        </FormField>
        <button type="submit" disabled={save.pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
          {save.pending ? "Saving…" : "Save address"}
        </button>
      </form>
      {url ? (
        <div>
          <ConfirmDialog
            id="webhook-off"
            triggerLabel="Turn the webhook off"
            title="Turn the escalation webhook off?"
            body="The paging system is not called for new escalations, and calls waiting for a retry are not sent while it is off. Escalations still show on the registrar's pages."
            confirmLabel="Turn off"
            tone="danger"
            fields={{ intent: "clear" }}
            onSubmit={off.onSubmit}
          />
          <ActionMessage state={off.state} />
        </div>
      ) : null}
    </div>
  );
}

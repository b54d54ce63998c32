"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string; name: string; token: string }>>;
}

/** Names a new token, then shows it once: only its hash is kept, so this is the one chance to copy it. */
export function CreateApiTokenForm({ action }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useFormAction(action, { resetOnSuccess: true });
  const created = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      {created ? <NewToken key={created.id} name={created.name} token={created.token} /> : null}
      <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
        {state && !state.ok ? <ActionMessage state={state} /> : null}
        <FormField id="token-name" label="Token name" hint="What will use it, so you can tell your tokens apart: for example, Ward dashboard." errors={fields?.name}>
          {(d, invalid) => <input id="token-name" name="name" maxLength={100} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
        </FormField>
        <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </div>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="rounded border-l-4 border-nhs-green bg-green-50 p-4">
      <p role="status" className="font-semibold">Token “{name}” created. Copy it now: it is not shown again.</p>
      <label htmlFor="new-token" className="mt-3 block font-semibold">
        Your new token
      </label>
      <input
        id="new-token"
        readOnly
        value={token}
        onFocus={(e) => e.currentTarget.select()}
        aria-describedby="new-token-hint"
        className="mt-1 block w-full rounded border-2 border-gray-700 bg-white px-3 py-2 font-mono text-sm"
      />
      <p id="new-token-hint" className="mt-2 text-sm text-gray-800">
        Keep it secret, like a password: anyone who has it can use the API as you, with your role. Send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. If you lose it, revoke it and create another.
      </p>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(token).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          )
        }
        className="mt-3 rounded border-2 border-nhs-blue bg-white px-3 py-1 font-semibold text-nhs-blue hover:bg-blue-50"
      >
        Copy token
      </button>
      <span aria-live="polite" className="ml-3 text-sm">
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the token and press Ctrl+C." : ""}
      </span>
    </div>
  );
}

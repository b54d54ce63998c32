"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ShownOnce } from "@/components/ui/shown-once";
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
  return (
    <ShownOnce
      id="new-token"
      message={`Token “${name}” created. Copy it now: it is not shown again.`}
      label="Your new token"
      value={token}
      hint={
        <>
          Keep it secret, like a password: anyone who has it can use the API as you, with your role. Send it as <code>Authorization: Bearer &lt;token&gt;</code>. If
          you lose it, revoke it and create another.
        </>
      }
      copyLabel="Copy token"
    />
  );
}

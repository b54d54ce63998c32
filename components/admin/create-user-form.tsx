"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
  roles: { value: string; label: string }[];
}

export function CreateUserForm({ action, roles }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useFormAction(action, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <ActionMessage state={state} />
      <FormField id="new-name" label="Full name" errors={fields?.name}>
        {(d, invalid) => <input id="new-name" name="name" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      <FormField id="new-email" label="Email address" errors={fields?.email}>
        {(d, invalid) => (
          <input id="new-email" name="email" type="email" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
        )}
      </FormField>
      <FormField id="new-role" label="Role" errors={fields?.role}>
        {(d, invalid) => (
          <select id="new-role" name="role" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="" disabled>
              Choose a role
            </option>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="new-password" label="Temporary password" hint="At least 12 characters." errors={fields?.password}>
        {(d, invalid) => (
          <input id="new-password" name="password" type="password" autoComplete="new-password" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
        )}
      </FormField>
      <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}

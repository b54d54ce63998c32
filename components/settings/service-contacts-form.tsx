"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ServiceContacts } from "@/db/schema/rehabilitation";
import type { ActionResult } from "@/lib/errors";

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ versionId: number }>>;
  basedOnVersionId: number;
  contacts: ServiceContacts | null;
}

const PHONES: { key: Exclude<keyof ServiceContacts, "serviceName">; label: string; hint: string }[] = [
  {
    key: "coordinatorPhone",
    label: "MSCC coordinator's number",
    hint: "Required. The single point of contact, answered at all times. Digits and spaces, for example 0161 446 3000.",
  },
  { key: "acuteOncologyPhone", label: "Acute oncology number", hint: "Optional. Left empty, the sheet prints a line to write it in." },
  { key: "outOfHoursPhone", label: "Out-of-hours number", hint: "Optional: evenings, nights, weekends and bank holidays. Left empty, the sheet prints a line." },
];

/** The numbers printed on the patient information sheet; each save is a new version, checked against the one shown. */
export function ServiceContactsForm({ action, basedOnVersionId, contacts }: Props) {
  const { state, pending, onSubmit, fields: errors } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Service contact numbers" className="max-w-3xl space-y-5 rounded bg-white p-6 shadow">
      <ActionMessage state={state} />
      <input type="hidden" name="basedOnVersionId" value={basedOnVersionId} />
      <FormField id="serviceName" label="Service name" hint="As patients know it, for example: The Christie MSCC service." errors={errors?.serviceName}>
        {(d, invalid) => (
          <input id="serviceName" name="serviceName" defaultValue={contacts?.serviceName ?? ""} autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
        )}
      </FormField>
      {PHONES.map((p) => (
        <FormField key={p.key} id={p.key} label={p.label} hint={p.hint} errors={errors?.[p.key]}>
          {(d, invalid) => (
            <input
              id={p.key}
              name={p.key}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              defaultValue={contacts?.[p.key] ?? ""}
              className={`${inputClass} max-w-64`}
              aria-describedby={d}
              aria-invalid={invalid}
            />
          )}
        </FormField>
      ))}
      <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
        {pending ? "Saving…" : "Save contact numbers"}
      </button>
    </form>
  );
}

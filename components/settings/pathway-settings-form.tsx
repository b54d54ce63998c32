"use client";

import { ActionMessage } from "@/components/ui/action-message";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

interface Field {
  key: string;
  label: string;
  source: string;
  localPractice: boolean;
  hours: string;
  defaultHours: string;
}

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ versionId: number }>>;
  basedOnVersionId: number;
  atRiskPercent: string;
  fields: Field[];
}

export function PathwaySettingsForm({ action, basedOnVersionId, atRiskPercent, fields }: Props) {
  const { state, pending, onSubmit, fields: errors } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5 rounded bg-white p-6 shadow">
      <ActionMessage state={state} />
      <input type="hidden" name="basedOnVersionId" value={basedOnVersionId} />
      <FormField id="atRiskPercent" label="At-risk warning (% of each target)" hint="A running clock shows as at risk once this share of its target has passed. Default 75 %." errors={errors?.atRiskPercent}>
        {(d, invalid) => <input id="atRiskPercent" name="atRiskPercent" inputMode="numeric" defaultValue={atRiskPercent} className={`${inputClass} max-w-32`} aria-describedby={d} aria-invalid={invalid} />}
      </FormField>
      {fields.map((f) => (
        <FormField
          key={f.key}
          id={f.key}
          label={`${f.label} (hours)`}
          hint={`${f.source}. Default ${f.defaultHours} h${f.localPractice ? "; local practice" : ""}.`}
          errors={errors?.[f.key]}
        >
          {(d, invalid) => <input id={f.key} name={f.key} inputMode="decimal" defaultValue={f.hours} className={`${inputClass} max-w-32`} aria-describedby={d} aria-invalid={invalid} />}
        </FormField>
      ))}
      <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
        {pending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}

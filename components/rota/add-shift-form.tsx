"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { MAX_SHIFT_DAYS, ROTA_LINE_LABELS, ROTA_LINE_ROLES, ROTA_LINES, type RotaLine } from "@/lib/domain/escalation";
import type { ActionResult } from "@/lib/errors";

interface Props {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
  /** Active users who may stand on some line, with their role's label. */
  candidates: { id: string; name: string; role: string; roleLabel: string }[];
}

/** A shift: the line first, then only the people that line allows (a first on-call must be a registrar). */
export function AddShiftForm({ action, candidates }: Props) {
  const { state, pending, onSubmit, formRef, fields } = useFormAction(action, { resetOnSuccess: true });
  const [line, setLine] = useState<RotaLine>("first");
  const eligible = candidates.filter((c) => ROTA_LINE_ROLES[line].includes(c.role));
  return (
    <form ref={formRef} onSubmit={onSubmit} onReset={() => setLine("first")} className="space-y-4" noValidate>
      <ActionMessage state={state} />
      <FormField id="shift-line" label="Line" errors={fields?.line}>
        {(d, invalid) => (
          <select
            id="shift-line"
            name="line"
            defaultValue="first"
            onChange={(e) => setLine(e.target.value as RotaLine)}
            className={inputClass}
            aria-describedby={d}
            aria-invalid={invalid}
          >
            {ROTA_LINES.map((l) => (
              <option key={l} value={l}>
                {ROTA_LINE_LABELS[l]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="shift-user" label="Who is on call" errors={fields?.userId}>
        {(d, invalid) => (
          // Remounted when the line changes, so a person the new line does not allow is never left chosen.
          <select key={line} id="shift-user" name="userId" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
            <option value="" disabled>
              Choose a person
            </option>
            {eligible.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.roleLabel})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="shift-starts" label="From (London time)" errors={fields?.startsAt}>
        {(d, invalid) => <DateTimeInput id="shift-starts" name="startsAt" describedBy={d} invalid={invalid} />}
      </FormField>
      <FormField
        id="shift-ends"
        label="To (London time)"
        hint={`At most ${MAX_SHIFT_DAYS} days. Shifts on one line may meet but not overlap.`}
        errors={fields?.endsAt}
      >
        {(d, invalid) => <DateTimeInput id="shift-ends" name="endsAt" describedBy={d} invalid={invalid} />}
      </FormField>
      <button type="submit" disabled={pending} className="rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800 disabled:opacity-60">
        {pending ? "Adding…" : "Add shift"}
      </button>
    </form>
  );
}

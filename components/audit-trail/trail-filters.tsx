"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { inputClass } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/errors";
import { parseTrailDate } from "@/lib/validation/audit-trail";

type FindPatient = (previous: unknown, formData: FormData) => Promise<ActionResult<{ patientId: string }>>;

interface Props {
  users: readonly { id: string; name: string }[];
  actions: readonly { value: string; label: string }[];
  /** The view now, as the fields show it (dates dd/MM/yyyy, the NHS number spaced). */
  current: { user: string; action: string; from: string; to: string; nhsNumber: string; patientId: string };
  findPatient: FindPatient;
}

const selectClass = "mt-1 block w-full rounded border-2 border-gray-700 bg-white px-3 py-2";

/**
 * The trail's filters. The NHS number field has no name: it is never sent in the address. On submit it is looked
 * up by a server action and the address carries the patient's id instead.
 */
export function AuditTrailFilters({ users, actions, current, findPatient }: Props) {
  const router = useRouter();
  const [nhsNumber, setNhsNumber] = useState(current.nhsNumber);
  const [nhsError, setNhsError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const name of ["user", "action", "from", "to"]) {
      const value = String(data.get(name) ?? "").trim();
      if (!value) continue;
      params.set(name, name === "from" || name === "to" ? (parseTrailDate(value) ?? value) : value);
    }
    startTransition(async () => {
      const typed = nhsNumber.trim();
      if (typed && typed === current.nhsNumber && current.patientId) params.set("patient", current.patientId);
      else if (typed) {
        const lookup = new FormData();
        lookup.set("nhsNumber", typed);
        const result = await findPatient(null, lookup);
        if (!result.ok) {
          setNhsError(result.error.fields?.nhsNumber?.join(". ") ?? result.error.message);
          return;
        }
        params.set("patient", result.data.patientId);
      }
      setNhsError(null);
      router.push(`/admin/audit-trail${params.size ? `?${params.toString()}` : ""}`);
    });
  }

  return (
    <form
      role="search"
      aria-label="Filter the audit trail"
      action="/admin/audit-trail"
      method="get"
      className="mb-4 rounded bg-white p-4 shadow"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <div className="grid gap-4 md:grid-cols-3 lg:grid-cols-5">
        <div>
          <label htmlFor="trail-user" className="block font-semibold">
            User
          </label>
          <select id="trail-user" name="user" className={selectClass} defaultValue={current.user}>
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className={nhsError ? "border-l-4 border-nhs-red pl-3" : undefined}>
          <label htmlFor="trail-nhs" className="block font-semibold">
            Patient&apos;s NHS number
          </label>
          {nhsError ? (
            <p id="trail-nhs-error" className="font-semibold text-nhs-red">
              {nhsError}
            </p>
          ) : null}
          <input
            id="trail-nhs"
            inputMode="numeric"
            autoComplete="off"
            className={inputClass}
            value={nhsNumber}
            onChange={(e) => setNhsNumber(e.target.value)}
            aria-invalid={nhsError ? true : undefined}
            aria-describedby={nhsError ? "trail-nhs-error" : undefined}
          />
        </div>
        <div>
          <label htmlFor="trail-action" className="block font-semibold">
            Action
          </label>
          <select id="trail-action" name="action" className={selectClass} defaultValue={current.action}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="trail-from" className="block font-semibold">
            From (dd/MM/yyyy)
          </label>
          <input id="trail-from" name="from" autoComplete="off" placeholder="dd/MM/yyyy" className={inputClass} defaultValue={current.from} />
        </div>
        <div>
          <label htmlFor="trail-to" className="block font-semibold">
            To (dd/MM/yyyy)
          </label>
          <input id="trail-to" name="to" autoComplete="off" placeholder="dd/MM/yyyy" className={inputClass} defaultValue={current.to} />
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-nhs-blue px-4 py-2 font-semibold text-white disabled:opacity-60">
          {pending ? "Filtering…" : "Filter"}
        </button>
        <Link href="/admin/audit-trail" className="font-semibold text-nhs-blue underline">
          Clear the filters
        </Link>
      </div>
    </form>
  );
}

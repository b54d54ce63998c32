"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import { DateTimeInput } from "@/components/ui/date-time-input";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { checkNhsNumber, formatNhsNumber, normaliseNhsNumber } from "@/lib/domain/nhs-number";
import { formatDateTime } from "@/lib/domain/time-format";
import {
  AMBULATORY_STATUSES,
  AMBULATORY_STATUS_LABELS,
  HAEMATOLOGICAL_SUSPICIONS,
  KNOWN_METASTASES,
  NEUROLOGY,
  PATIENT_LOCATIONS,
  REFERRAL_CATEGORY_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRER_ROLES,
  REFERRER_ROLE_LABELS,
  suggestReferralCategory,
  WARNING_SYMPTOMS,
  type NeurologySign,
  type ReferralStatus,
} from "@/lib/domain/vocabulary";
import type { ActionResult, FieldErrors } from "@/lib/errors";
import { PATIENT_LOCATION_LABELS } from "./event-labels";

type CreateReferralAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string; patientId: string }>>;

interface Props {
  action: CreateReferralAction;
  /** Now in London as a datetime-local value, from the server (the field then follows the clock). */
  nowLocal: string;
  /** Today in London, yyyy-MM-dd: the latest date of birth. */
  today: string;
}

interface OpenReferral {
  id: string;
  name: string | null;
  receivedAt: string | null;
  status: string | null;
}

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];

// Every field the server may name, with its label and the control the error summary jumps to.
const FIELDS: Record<string, { label: string; href: string }> = {
  nhsNumber: { label: "NHS number", href: "nhsNumber" },
  givenName: { label: "Given name", href: "givenName" },
  familyName: { label: "Family name", href: "familyName" },
  dateOfBirth: { label: "Date of birth", href: "dateOfBirth" },
  hospitalNumber: { label: "Hospital number", href: "hospitalNumber" },
  phone: { label: "Patient's phone", href: "phone" },
  location: { label: "Where the patient is now", href: "location-none" },
  receivedAt: { label: "Time the referral was received", href: "receivedAt" },
  referrerName: { label: "Referrer's name", href: "referrerName" },
  referrerRole: { label: "Referrer's role", href: "referrerRole" },
  referrerOrganisation: { label: "Referrer's organisation", href: "referrerOrganisation" },
  referrerContact: { label: "Referrer's phone or bleep", href: "referrerContact" },
  symptoms: { label: "Warning symptoms", href: `symptoms-${keys(WARNING_SYMPTOMS)[0]}` },
  neurology: { label: "Neurology", href: `neurology-${keys(NEUROLOGY)[0]}` },
  neurologyOnsetAt: { label: "Onset of neurological symptoms", href: "neurologyOnsetAt" },
  ambulatoryStatus: { label: "Ambulatory status", href: "ambulatoryStatus-none" },
  primaryCancer: { label: "Primary cancer", href: "primaryCancer" },
  knownMetastases: { label: "Known metastases", href: `knownMetastases-${keys(KNOWN_METASTASES)[0]}` },
  currentTreatment: { label: "Current or past treatment", href: "currentTreatment" },
  haematologicalSuspected: { label: "Lymphoma or myeloma suspected", href: "haematologicalSuspected-none" },
  previousSpinalRadiotherapy: { label: "Previous radiotherapy to the spine", href: "previousSpinalRadiotherapy-none" },
  previousSpinalRadiotherapyLevel: { label: "Level of previous spinal radiotherapy", href: "previousSpinalRadiotherapyLevel" },
  imagingAvailable: { label: "Imaging already available", href: "imagingAvailable" },
  dexamethasoneGivenAt: { label: "Dexamethasone given at", href: "dexamethasoneGivenAt" },
  dexamethasoneDoseMg: { label: "Dexamethasone dose", href: "dexamethasoneDoseMg" },
  immobilisationAdvisedAt: { label: "Immobilisation advised at", href: "immobilisationAdvisedAt" },
};

const FUTURE_BIRTH = "The date of birth cannot be in the future";
const NO_SYMPTOM = "Record at least one symptom or neurological sign";
/** A card per group of the data set; the padding is on a wrapper because a legend sits on its fieldset's edge. */
function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded bg-white p-4 shadow sm:p-6">
      <fieldset className="min-w-0">
        <legend className="pb-3 text-xl font-bold">{title}</legend>
        {children}
      </fieldset>
    </div>
  );
}

/** The server refuses a second open referral naming the open one ("Open referral <id>"). */
function openReferralFromConflict(state: ActionResult<unknown> | null): string | null {
  if (!state || state.ok || state.error.code !== "conflict") return null;
  const match = /Open referral (\S+)/.exec(state.error.fields?.nhsNumber?.[0] ?? "");
  return match?.[1] ?? null;
}

/**
 * The intake form (pathway.md, minimum data set). Only identity, referrer and symptoms are required: an
 * emergency is never held up by what is not known yet. The NHS number is checked as it is typed, and an open
 * referral for the same patient is shown before anything is saved.
 */
export function IntakeForm({ action, nowLocal, today }: Props) {
  const router = useRouter();
  const { state, pending, onSubmit, formRef } = useFormAction(action);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [nhsNumber, setNhsNumber] = useState("");
  const [nhsLeft, setNhsLeft] = useState(false);
  const [dateOfBirth, setDateOfBirth] = useState("");
  const [neurology, setNeurology] = useState<NeurologySign[]>([]);
  const [symptomCount, setSymptomCount] = useState(0);
  const [blocked, setBlocked] = useState(false);
  const [found, setFound] = useState<{ digits: string; referral: OpenReferral | null } | null>(null);

  const nhsCheck = checkNhsNumber(nhsNumber);
  const digits = nhsCheck.valid ? nhsCheck.digits : null;
  const typed = normaliseNhsNumber(nhsNumber);
  // Say what is wrong once it can be known: ten digits typed, a character that is not a digit, or the field left.
  const showNhsProblem = !nhsCheck.valid && (blocked || (nhsCheck.problem !== "empty" && (nhsLeft || typed.length >= 10 || /\D/.test(typed))));
  const duplicate = digits && found?.digits === digits ? found.referral : null;
  const conflictReferralId = openReferralFromConflict(state);

  // Duplicate guard: as soon as the number is valid, ask whether this patient already has an open referral.
  useEffect(() => {
    if (!digits) return;
    const controller = new AbortController();
    fetch(`/api/v1/referrals?nhsNumber=${digits}&active=true`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ items?: Record<string, unknown>[] }>) : null))
      .then((body) => {
        if (!body) return; // The server refuses a duplicate anyway (409); the form says so then.
        const item = body.items?.[0];
        const str = (v: unknown) => (typeof v === "string" ? v : null);
        setFound({
          digits,
          referral: item
            ? {
                id: String(item.id),
                name: str(item.patientFamilyName) ? `${String(item.patientFamilyName).toUpperCase()}, ${str(item.patientGivenName) ?? ""}` : null,
                receivedAt: str(item.receivedAt),
                status: str(item.status),
              }
            : null,
        });
      })
      .catch(() => {});
    return () => controller.abort();
  }, [digits]);

  useEffect(() => {
    if (!state) return;
    if (state.ok) router.push(`/referrals/${state.data.id}`);
    else summaryRef.current?.focus();
  }, [state, router]);

  const errors: FieldErrors = { ...(state && !state.ok ? state.error.fields : {}) };
  if (conflictReferralId) delete errors.nhsNumber;
  if (showNhsProblem && !nhsCheck.valid) errors.nhsNumber = [nhsCheck.message];
  else if (nhsCheck.valid) delete errors.nhsNumber;
  // The server checks for a symptom only once every field is readable: say it with the other problems.
  if (state && !state.ok && state.error.code === "validation" && symptomCount === 0 && neurology.length === 0) errors.symptoms ??= [NO_SYMPTOM];
  const futureBirth = dateOfBirth !== "" && dateOfBirth > today;
  if (futureBirth) errors.dateOfBirth = [FUTURE_BIRTH];

  const handleSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    if (!nhsCheck.valid || futureBirth || duplicate) {
      event.preventDefault();
      setBlocked(true);
      setNhsLeft(true);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBlocked(false);
    onSubmit(event);
  };

  const suggested = suggestReferralCategory(neurology);
  const showSummary = (state && !state.ok) || (blocked && (!nhsCheck.valid || futureBirth));
  // One message per field, the first problem found (a blank date need not also be told it is before 1900).
  const err = (name: string) => errors[name]?.slice(0, 1);

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="space-y-6">
      <div className="rounded border-l-4 border-nhs-blue bg-white p-4 shadow">
        <p className="font-semibold">Submit now, complete later.</p>
        <p>
          Only the patient&apos;s identity, the referrer and the symptoms are required. Everything else can be added later: what is missing shows on the
          referral as incomplete and never holds it up.
        </p>
      </div>

      {showSummary ? (
        <div ref={summaryRef} tabIndex={-1}>
          <ErrorSummary
            id="intake-errors"
            message={state && !state.ok ? state.error.message : "Some answers need correcting: see the messages beside them."}
            errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.slice(0, 1)]))}
            fields={FIELDS}
          />
        </div>
      ) : null}

      {duplicate || conflictReferralId ? (
        <div role="alert" className="rounded border-4 border-nhs-warm-yellow bg-yellow-50 p-4">
          <h2 className="text-lg font-bold">This patient already has an open referral</h2>
          {duplicate ? (
            <p className="mt-1">
              {duplicate.name ? `${duplicate.name}, ` : ""}
              {duplicate.receivedAt ? `received ${formatDateTime(new Date(duplicate.receivedAt))}` : "open"}
              {duplicate.status && duplicate.status in REFERRAL_STATUS_LABELS ? ` (${REFERRAL_STATUS_LABELS[duplicate.status as ReferralStatus]})` : ""}. A second
              referral cannot be opened for the same patient.
            </p>
          ) : (
            <p className="mt-1">A second referral cannot be opened for the same patient.</p>
          )}
          <p className="mt-2">
            <Link href={`/referrals/${duplicate?.id ?? conflictReferralId}`} className="font-semibold text-nhs-blue underline">
              Open the existing referral to add to it
            </Link>
          </p>
        </div>
      ) : null}

      <Group title="Patient">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="nhsNumber" label="NHS number (required)" hint="10 digits; spaces are fine, e.g. 943 476 5919." errors={err("nhsNumber")}>
            {(d, invalid) => (
              <>
                <input
                  id="nhsNumber"
                  name="nhsNumber"
                  inputMode="numeric"
                  autoComplete="off"
                  value={nhsNumber}
                  onChange={(e) => setNhsNumber(e.target.value)}
                  onBlur={() => {
                    setNhsLeft(true);
                    if (nhsCheck.valid) setNhsNumber(formatNhsNumber(nhsCheck.digits));
                  }}
                  className={`${inputClass} max-w-xs font-mono`}
                  aria-describedby={[d, "nhsNumber-status"].filter(Boolean).join(" ")}
                  aria-invalid={invalid}
                />
                <p id="nhsNumber-status" aria-live="polite" className="mt-1 text-sm">
                  {nhsCheck.valid ? <span className="font-semibold text-nhs-green">✓ Valid NHS number</span> : null}
                </p>
              </>
            )}
          </FormField>
          <div className="hidden sm:block" />
          <FormField id="givenName" label="Given name (required)" errors={err("givenName")}>
            {(d, invalid) => <input id="givenName" name="givenName" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <FormField id="familyName" label="Family name (required)" errors={err("familyName")}>
            {(d, invalid) => <input id="familyName" name="familyName" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <FormField id="dateOfBirth" label="Date of birth (required)" hint="It cannot be in the future." errors={err("dateOfBirth")}>
            {(d, invalid) => (
              <input
                id="dateOfBirth"
                name="dateOfBirth"
                type="date"
                max={today}
                min="1900-01-01"
                value={dateOfBirth}
                onChange={(e) => setDateOfBirth(e.target.value)}
                className={`${inputClass} max-w-xs`}
                aria-describedby={d}
                aria-invalid={invalid}
              />
            )}
          </FormField>
          <FormField id="hospitalNumber" label="Hospital number" errors={err("hospitalNumber")}>
            {(d, invalid) => <input id="hospitalNumber" name="hospitalNumber" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <FormField id="phone" label="Patient's phone" errors={err("phone")}>
            {(d, invalid) => <input id="phone" name="phone" type="tel" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <ChoiceGroup id="location" legend="Where the patient is now" errors={err("location")}>
            {() => (
              <>
                <Choice type="radio" name="location" value="" label="Not known yet" idPrefix="location" defaultChecked />
                {PATIENT_LOCATIONS.map((l) => (
                  <Choice key={l} type="radio" name="location" value={l} label={PATIENT_LOCATION_LABELS[l]} idPrefix="location" />
                ))}
              </>
            )}
          </ChoiceGroup>
        </div>
      </Group>

      <Group title="Referral">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="receivedAt" label="Time the referral was received" hint="London time. Now, unless it came in earlier." errors={err("receivedAt")}>
            {(d, invalid) => <DateTimeInput id="receivedAt" name="receivedAt" defaultValue={nowLocal} followNow describedBy={d} invalid={invalid} />}
          </FormField>
          <div className="hidden sm:block" />
          <FormField id="referrerName" label="Referrer's name (required)" errors={err("referrerName")}>
            {(d, invalid) => <input id="referrerName" name="referrerName" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <FormField id="referrerRole" label="Referrer's role (required)" errors={err("referrerRole")}>
            {(d, invalid) => (
              <select id="referrerRole" name="referrerRole" defaultValue="" className={inputClass} aria-describedby={d} aria-invalid={invalid}>
                <option value="" disabled>
                  Choose a role
                </option>
                {REFERRER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {REFERRER_ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="referrerOrganisation" label="Referrer's organisation" errors={err("referrerOrganisation")}>
            {(d, invalid) => <input id="referrerOrganisation" name="referrerOrganisation" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <FormField id="referrerContact" label="Referrer's phone or bleep" errors={err("referrerContact")}>
            {(d, invalid) => <input id="referrerContact" name="referrerContact" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
        </div>
      </Group>

      <Group title="Symptoms">
        <ChoiceGroup
          id="symptoms"
          legend="Warning symptoms (at least one symptom or neurological sign is required)"
          hint="Tick every one the patient reports."
          errors={err("symptoms")}
        >
          {() =>
            keys(WARNING_SYMPTOMS).map((s) => (
              <Choice
                key={s}
                type="checkbox"
                name="symptoms"
                value={s}
                label={WARNING_SYMPTOMS[s]}
                idPrefix="symptoms"
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setSymptomCount((n) => n + (checked ? 1 : -1));
                }}
              />
            ))
          }
        </ChoiceGroup>
      </Group>

      <Group title="Neurology">
        <div className="space-y-4">
          <ChoiceGroup id="neurology" legend="Neurological symptoms or signs" hint="Any of these makes it a suspected MSCC: an emergency." errors={err("neurology")}>
            {() =>
              keys(NEUROLOGY).map((n) => (
                <Choice
                  key={n}
                  type="checkbox"
                  name="neurology"
                  value={n}
                  label={NEUROLOGY[n]}
                  idPrefix="neurology"
                  checked={neurology.includes(n)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setNeurology((now) => (checked ? [...now, n] : now.filter((x) => x !== n)));
                  }}
                />
              ))
            }
          </ChoiceGroup>
          <FormField id="neurologyOnsetAt" label="Onset of neurological symptoms" hint="London time, as near as is known." errors={err("neurologyOnsetAt")}>
            {(d, invalid) => <DateTimeInput id="neurologyOnsetAt" name="neurologyOnsetAt" describedBy={d} invalid={invalid} />}
          </FormField>
          <p aria-live="polite" className={`rounded border-l-4 p-3 font-semibold ${suggested === "suspected_mscc" ? "border-nhs-red bg-red-50 text-red-900" : "border-nhs-blue bg-blue-50"}`}>
            Suggested: {REFERRAL_CATEGORY_LABELS[suggested]} —{" "}
            {suggested === "suspected_mscc" ? "neurology recorded" : "no neurology recorded (pain only)"}
          </p>
        </div>
      </Group>

      <Group title="Ambulatory status">
        <ChoiceGroup id="ambulatoryStatus" legend="Can the patient walk?" errors={err("ambulatoryStatus")}>
          {() => (
            <>
              <Choice type="radio" name="ambulatoryStatus" value="" label="Not known yet" idPrefix="ambulatoryStatus" defaultChecked />
              {AMBULATORY_STATUSES.map((a) => (
                <Choice key={a} type="radio" name="ambulatoryStatus" value={a} label={AMBULATORY_STATUS_LABELS[a]} idPrefix="ambulatoryStatus" />
              ))}
            </>
          )}
        </ChoiceGroup>
      </Group>

      <Group title="Cancer history">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="primaryCancer" label="Primary cancer" hint="Site, or 'unknown primary'." errors={err("primaryCancer")}>
            {(d, invalid) => <input id="primaryCancer" name="primaryCancer" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <ChoiceGroup id="knownMetastases" legend="Known metastases" errors={err("knownMetastases")}>
            {() => keys(KNOWN_METASTASES).map((m) => <Choice key={m} type="checkbox" name="knownMetastases" value={m} label={KNOWN_METASTASES[m]} idPrefix="knownMetastases" />)}
          </ChoiceGroup>
          <FormField id="currentTreatment" label="Current or past treatment" errors={err("currentTreatment")}>
            {(d, invalid) => <textarea id="currentTreatment" name="currentTreatment" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
          <ChoiceGroup
            id="haematologicalSuspected"
            legend="Lymphoma or myeloma suspected?"
            hint="If so, a consultant is asked before steroids are given."
            errors={err("haematologicalSuspected")}
          >
            {() => (
              <>
                <Choice type="radio" name="haematologicalSuspected" value="" label="Not known yet" idPrefix="haematologicalSuspected" defaultChecked />
                {keys(HAEMATOLOGICAL_SUSPICIONS).map((h) => (
                  <Choice key={h} type="radio" name="haematologicalSuspected" value={h} label={HAEMATOLOGICAL_SUSPICIONS[h]} idPrefix="haematologicalSuspected" />
                ))}
              </>
            )}
          </ChoiceGroup>
          <ChoiceGroup id="previousSpinalRadiotherapy" legend="Previous radiotherapy to the spine?" errors={err("previousSpinalRadiotherapy")}>
            {() => (
              <>
                <Choice type="radio" name="previousSpinalRadiotherapy" value="" label="Not known yet" idPrefix="previousSpinalRadiotherapy" defaultChecked />
                <Choice type="radio" name="previousSpinalRadiotherapy" value="true" label="Yes" idPrefix="previousSpinalRadiotherapy" />
                <Choice type="radio" name="previousSpinalRadiotherapy" value="false" label="No" idPrefix="previousSpinalRadiotherapy" />
              </>
            )}
          </ChoiceGroup>
          <FormField id="previousSpinalRadiotherapyLevel" label="Level of previous spinal radiotherapy" hint="For example T8–T10." errors={err("previousSpinalRadiotherapyLevel")}>
            {(d, invalid) => (
              <input id="previousSpinalRadiotherapyLevel" name="previousSpinalRadiotherapyLevel" autoComplete="off" className={inputClass} aria-describedby={d} aria-invalid={invalid} />
            )}
          </FormField>
          <FormField id="imagingAvailable" label="Imaging already available" errors={err("imagingAvailable")}>
            {(d, invalid) => <textarea id="imagingAvailable" name="imagingAvailable" rows={2} className={inputClass} aria-describedby={d} aria-invalid={invalid} />}
          </FormField>
        </div>
      </Group>

      <Group title="Already done">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="dexamethasoneGivenAt" label="Dexamethasone given at" hint="London time; leave empty if none was given." errors={err("dexamethasoneGivenAt")}>
            {(d, invalid) => <DateTimeInput id="dexamethasoneGivenAt" name="dexamethasoneGivenAt" describedBy={d} invalid={invalid} />}
          </FormField>
          <FormField id="dexamethasoneDoseMg" label="Dexamethasone dose (mg)" errors={err("dexamethasoneDoseMg")}>
            {(d, invalid) => (
              <input id="dexamethasoneDoseMg" name="dexamethasoneDoseMg" inputMode="decimal" autoComplete="off" className={`${inputClass} max-w-32`} aria-describedby={d} aria-invalid={invalid} />
            )}
          </FormField>
          <FormField id="immobilisationAdvisedAt" label="Immobilisation (spinal precautions) advised at" hint="London time; leave empty if not advised." errors={err("immobilisationAdvisedAt")}>
            {(d, invalid) => <DateTimeInput id="immobilisationAdvisedAt" name="immobilisationAdvisedAt" describedBy={d} invalid={invalid} />}
          </FormField>
        </div>
      </Group>

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending || Boolean(duplicate)}
          className="rounded bg-nhs-green px-6 py-3 text-lg font-semibold text-white hover:bg-green-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? "Submitting…" : "Submit referral"}
        </button>
        {duplicate ? <p className="font-semibold">Add to the open referral instead of starting another.</p> : null}
      </div>
    </form>
  );
}

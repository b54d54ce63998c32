import type { ServiceContacts } from "@/db/schema/rehabilitation";
import type { NeurologySign, WarningSymptom } from "@/lib/domain/vocabulary";

/**
 * The warning signs in a patient's words, one line for each term of the referral's vocabulary (a new term
 * without words here fails the type check). "Straight away" are the signs that make it suspected MSCC, an
 * emergency (NG234); the rest are the leaflet's pain signs, to report within 24 hours.
 */
const SIGNS: Record<WarningSymptom | NeurologySign, { words: string; straightAway: boolean }> = {
  upper_back_or_neck_pain: { words: "Pain or tenderness in the middle or top of your back, or in your neck", straightAway: false },
  severe_lower_back_pain: { words: "Pain low in your back that is severe, keeps getting worse or does not go away", straightAway: false },
  pain_on_straining: { words: "Back pain that gets worse when you cough, sneeze or strain, for example on the toilet", straightAway: false },
  pain_stops_sleep: { words: "Back pain that stops you sleeping", straightAway: false },
  radicular_pain: { words: "Pain that runs in a narrow band down an arm or a leg, or around your chest or tummy", straightAway: false },
  mechanical_pain: { words: "Back pain that gets worse when you move", straightAway: false },
  claudication_pain: { words: "Pain, heaviness or cramp in your legs when you walk, that eases when you stop", straightAway: false },
  limb_numbness_or_weakness: { words: "Numbness or pins and needles in your arms, legs, fingers or toes", straightAway: true },
  limb_weakness: { words: "Weakness in your arms or legs, or finding them hard to use", straightAway: true },
  sensory_loss: { words: "Loss of feeling, or numbness around your bottom or between your legs", straightAway: true },
  bladder_bowel_dysfunction: { words: "Problems passing urine or controlling your bladder or bowels: leaking, or not being able to go", straightAway: true },
  gait_disturbance: { words: "Feeling unsteady on your feet, or finding it hard to walk or stand", straightAway: true },
};
const signs = Object.values(SIGNS);
const PAIN_SIGNS = signs.filter((s) => !s.straightAway).map((s) => s.words);
const STRAIGHT_AWAY_SIGNS = signs.filter((s) => s.straightAway).map((s) => s.words);

export interface SheetPatient {
  name: string;
  dateOfBirth: string;
  nhsNumber: string;
}

export interface SheetKeyWorker {
  name: string | null;
  contact: string | null;
}

interface Props {
  /** Null: the blank sheet, with lines to write the patient's details by hand. */
  patient: SheetPatient | null;
  keyWorker: SheetKeyWorker | null;
  contacts: ServiceContacts | null;
  printedOn: string;
}

/** A line to write on by hand, read out as what belongs there. */
function WriteIn({ what, wide = false }: { what: string; wide?: boolean }) {
  return (
    <span className={`inline-block h-[1.4em] border-b-2 border-black align-bottom ${wide ? "w-full" : "w-[12em] max-w-full"}`} data-testid="write-in">
      <span className="sr-only">(blank: write {what} here)</span>
    </span>
  );
}

const Filled = ({ value, what }: { value: string | null | undefined; what: string }) =>
  value ? <strong className="whitespace-nowrap">{value}</strong> : <WriteIn what={what} />;

const sectionClass = "mt-6 break-inside-avoid";
const h2Class = "mb-2 text-[18pt] font-bold";
const calloutClass = "mt-3 border-4 border-black p-3 font-bold";

/**
 * The patient information sheet (issue 6, item 5): A4, large type, black and white, in plain English. What to
 * look out for, to call within 24 hours (straight away for the nerve signs) and say they have cancer, whom to call,
 * what to say, and a section for a clinician who sees the patient elsewhere.
 */
export function PatientSheet({ patient, keyWorker, contacts, printedOn }: Props) {
  return (
    <article className="a4-portrait mx-auto max-w-[50rem] bg-white p-6 text-[14pt] leading-snug text-black shadow print:max-w-none print:p-0 print:shadow-none" data-testid="patient-sheet">
      <h1 className="text-[24pt] leading-tight font-bold">Cancer and your spine: warning signs to act on</h1>

      <section aria-labelledby="sheet-patient" className="mt-4 border-2 border-black p-3">
        <h2 id="sheet-patient" className="sr-only">
          This sheet belongs to
        </h2>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Name</dt>
          <dd>{patient ? <strong>{patient.name}</strong> : <WriteIn what="your name" wide />}</dd>
          <dt className="font-semibold">Date of birth</dt>
          <dd>{patient ? <strong>{patient.dateOfBirth}</strong> : <WriteIn what="your date of birth" wide />}</dd>
          <dt className="font-semibold">NHS number</dt>
          <dd>{patient ? <strong className="font-mono">{patient.nhsNumber}</strong> : <WriteIn what="your NHS number" wide />}</dd>
          <dt className="font-semibold">Key worker</dt>
          <dd>{keyWorker?.name ? <strong>{keyWorker.name}</strong> : <WriteIn what="your key worker's name" wide />}</dd>
        </dl>
      </section>

      <p className="mt-4">
        Cancer can spread to the bones of the spine. If it presses on the spinal cord (the nerves inside your spine) it can cause
        weakness or paralysis that may not get better. This is called metastatic spinal cord compression (MSCC). Treated early, most
        people keep their strength and their ability to walk, so it matters that you act quickly.
      </p>

      <section aria-labelledby="sheet-pain" className={sectionClass}>
        <h2 id="sheet-pain" className={h2Class}>
          Warning signs to look out for
        </h2>
        <ul className="list-disc space-y-1 pl-8">
          {PAIN_SIGNS.map((words) => (
            <li key={words}>{words}</li>
          ))}
        </ul>
        <p className={calloutClass}>If you have any of these, call within 24 hours and say you have cancer. Do not wait to see if it gets better.</p>
      </section>

      <section aria-labelledby="sheet-urgent" className={sectionClass}>
        <h2 id="sheet-urgent" className={h2Class}>
          Call straight away, day or night, if you have
        </h2>
        <ul className="list-disc space-y-1 pl-8">
          {STRAIGHT_AWAY_SIGNS.map((words) => (
            <li key={words}>{words}</li>
          ))}
        </ul>
        <p className={calloutClass}>These can be an emergency. Call now, not tomorrow, and say you have cancer.</p>
      </section>

      <section aria-labelledby="sheet-call" className={sectionClass}>
        <h2 id="sheet-call" className={h2Class}>
          Whom to call
        </h2>
        <p>Call one of these numbers. If nobody answers, try the next one.</p>
        <dl className="mt-2 space-y-2">
          <div>
            <dt className="font-semibold">Your key worker{keyWorker?.name ? `, ${keyWorker.name}` : ""}</dt>
            <dd>
              <Filled value={keyWorker?.contact} what="your key worker's number" />
            </dd>
          </div>
          <div>
            <dt className="font-semibold">The MSCC coordinator{contacts?.serviceName ? ` (${contacts.serviceName})` : ""}, at any time</dt>
            <dd>
              <Filled value={contacts?.coordinatorPhone} what="the MSCC coordinator's number" />
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Acute oncology</dt>
            <dd>
              <Filled value={contacts?.acuteOncologyPhone} what="the acute oncology number" />
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Out of hours (evenings, nights, weekends and bank holidays)</dt>
            <dd>
              <Filled value={contacts?.outOfHoursPhone} what="the out-of-hours number" />
            </dd>
          </div>
        </dl>
        <p className="mt-3">If you cannot get through to anyone, call 999 or go to your nearest emergency department (A&amp;E). Take this sheet with you.</p>
      </section>

      <section aria-labelledby="sheet-tell" className={sectionClass}>
        <h2 id="sheet-tell" className={h2Class}>
          What to tell the doctor or nurse
        </h2>
        <ul className="list-disc space-y-1 pl-8">
          <li>That you have cancer, and where it started (for example breast, prostate or lung)</li>
          <li>Which of the warning signs you have, and when each one started</li>
          <li>Whether you can walk, and whether that has changed</li>
          <li>Any change in your bladder or bowels</li>
        </ul>
        <p className="mt-3">Show them this sheet.</p>
      </section>

      <section aria-labelledby="sheet-clinician" className="mt-6 break-inside-avoid border-4 border-black p-4">
        <h2 id="sheet-clinician" className={h2Class}>
          For a doctor or nurse who sees this patient elsewhere
        </h2>
        <p>This patient has cancer and may have metastatic spinal cord compression. If they have new spinal pain or any neurological symptom:</p>
        <ul className="mt-2 list-disc space-y-1 pl-8">
          <li>
            Phone the MSCC coordinator straight away, day or night: <Filled value={contacts?.coordinatorPhone} what="the MSCC coordinator's number" />
          </li>
          <li>Neurological symptoms or signs (suspected MSCC, an emergency): MRI of the whole spine as soon as possible, and always within 24 hours.</li>
          <li>Spinal pain without neurological symptoms: MRI of the whole spine within 1 week.</li>
          <li>
            With neurological symptoms or signs, give dexamethasone 16 mg by mouth (or the IV equivalent) as soon as possible unless it is
            contraindicated. If lymphoma or myeloma is suspected, discuss with a consultant before giving steroids.
          </li>
          <li>If the spine may be unstable, start spinal precautions (lying flat, log-rolling) until a senior opinion.</li>
        </ul>
        <p className="mt-3 font-bold">Follow local MSCC guidance. Based on NICE guideline NG234 (2023).</p>
      </section>

      <p className="mt-6">
        {contacts?.serviceName ? `From ${contacts.serviceName}. ` : ""}Printed {printedOn}.
      </p>
    </article>
  );
}

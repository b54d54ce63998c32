import type { ReferralDetail } from "@/db/queries/referrals";
import type { EquipmentItem, RehabPlan } from "@/db/schema/rehabilitation";
import { ClockTable } from "@/components/referrals/clock-table";
import { DecisionLog } from "@/components/referrals/decision-log";
import { DexamethasoneTracker } from "@/components/referrals/dexamethasone-tracker";
import { describeEvent, describeScore, eventNote } from "@/components/referrals/event-labels";
import { ImagingTracker } from "@/components/referrals/imaging-tracker";
import type { StandingEvent } from "@/components/referrals/standing-events";
import { EQUIPMENT_STATUS_LABELS, equipmentItemName, isEquipmentOverdue, isOutstanding } from "@/lib/domain/equipment";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { CHECKLIST_ITEM_LABELS, CHECKLIST_ITEMS, DESTINATION_NAMES, DESTINATIONS, type ChecklistState, type Destination } from "@/lib/domain/rehabilitation";
import { formatCalendarDate, formatDateTime, londonDate } from "@/lib/domain/time-format";
import { SCORE_SCALE_LABELS, SCORE_SCALES } from "@/lib/domain/scores";
import {
  AMBULATORY_STATUS_LABELS,
  AMBULATORY_STATUSES,
  NEUROLOGY,
  REFERRAL_CATEGORY_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRER_ROLE_LABELS,
  WARNING_SYMPTOMS,
  type AmbulatoryStatus,
} from "@/lib/domain/vocabulary";

interface Props {
  detail: ReferralDetail;
  /** The referral's events as they stand after corrections (components/referrals/standing-events). */
  events: readonly StandingEvent[];
  plan: RehabPlan | null;
  equipment: readonly EquipmentItem[];
  now: Date;
  printedBy: string;
}

const CHECKLIST_STATE_WORDS: Record<ChecklistState, { icon: string; words: string }> = {
  done: { icon: "✓", words: "Done" },
  not_needed: { icon: "–", words: "Not needed" },
  open: { icon: "●", words: "Open" },
};

const notRecorded = "Not recorded";
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | null => (values as readonly unknown[]).includes(value) ? (value as T) : null;
const calendar = (isoDate: string | null) => (isoDate ? formatCalendarDate(isoDate) : null);

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`summary-${id}`} className="mt-6 space-y-2">
      <h2 id={`summary-${id}`} className="border-b-2 border-black pb-1 text-xl font-bold break-after-avoid">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [term: string, value: React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An entry's clinical time, marked when a correction moved it. */
const when = (e: StandingEvent) => `${formatDateTime(e.at)}${e.timeCorrected ? " (corrected)" : ""}`;

type UserName = (id: string) => string | null;

function EventList({ events, empty, label, userName }: { events: readonly StandingEvent[]; empty: string; label: string; userName: UserName }) {
  if (events.length === 0) return <p>{empty}</p>;
  return (
    <ul aria-label={label} className="list-disc space-y-1 pl-6">
      {events.map((e) => {
        const note = eventNote(e);
        return (
          <li key={e.id}>
            {when(e)}: {describeEvent(e, { userName })}
            {note ? `. ${note}` : ""}
          </li>
        );
      })}
    </ul>
  );
}

function EquipmentLine({ item, today }: { item: EquipmentItem; today: string }) {
  const dates = [
    item.requestedOn ? `requested ${calendar(item.requestedOn)}` : null,
    isOutstanding(item) && item.expectedOn ? `expected ${calendar(item.expectedOn)}` : null,
    item.deliveredOn ? `delivered ${calendar(item.deliveredOn)}` : null,
    item.installedOn ? `installed ${calendar(item.installedOn)}` : null,
  ].filter(Boolean);
  const who = [item.supplier ? `supplier: ${item.supplier}` : null, item.owner ? `owner: ${item.owner}` : null].filter(Boolean);
  const outstanding = isOutstanding(item);
  return (
    <li className="break-inside-avoid">
      <span className="font-semibold">
        <span aria-hidden>{outstanding ? "● " : "✓ "}</span>
        {equipmentItemName(item)}
      </span>
      : {EQUIPMENT_STATUS_LABELS[item.status]}
      {dates.length > 0 ? `, ${dates.join(", ")}` : ""}
      {who.length > 0 ? `; ${who.join("; ")}` : ""}
      {outstanding && item.blocksDischarge ? <strong>; ✕ blocks discharge</strong> : null}
      {isEquipmentOverdue(item, today) ? <strong>; ▲ overdue</strong> : null}
      {item.notes ? `. ${item.notes}` : ""}
    </li>
  );
}

/**
 * The discharge summary for the GP and community teams (issue 6, item 6): who the patient is, how they came and
 * what was found and done, how they walk now against then, what is in place at home, and the pathway's clocks
 * and timeline. Everything comes from the events as they stand after corrections, the plan and the equipment.
 */
export function DischargeSummary({ detail, events, plan, equipment, now, printedBy }: Props) {
  const { referral: r, patient: p } = detail;
  const userName: UserName = (id) => detail.userNames.get(id) ?? null;
  const discharge = events.findLast((e) => e.type === "discharged") ?? null;
  const ambulatoryScores = events.filter((e) => e.type === "score_recorded" && e.data.scale === "ambulatory");
  const latestAmbulatory = ambulatoryScores.at(-1);
  const dischargeWalks = oneOf<AmbulatoryStatus>(AMBULATORY_STATUSES, discharge?.data.ambulatoryStatus);
  const destination = oneOf<Destination>(DESTINATIONS, discharge?.data.destination) ?? plan?.destination ?? null;
  const openReasons = (discharge?.data.openItemReasons ?? {}) as Record<string, unknown>;
  const today = londonDate(now);
  const delivered = equipment.filter((i) => i.status === "delivered" || i.status === "installed");
  const outstanding = equipment.filter(isOutstanding);
  const scales = SCORE_SCALES.filter((s) => s !== "ambulatory" && events.some((e) => e.type === "score_recorded" && e.data.scale === s));

  return (
    <article className="a4-portrait mx-auto max-w-[60rem] bg-white p-6 text-black shadow print:max-w-none print:p-0 print:text-[11pt] print:shadow-none" data-testid="discharge-summary">
      <h1 className="text-2xl font-bold">{discharge ? "Discharge summary" : "Discharge summary (draft)"}</h1>
      <p className="text-sm">
        Metastatic spinal cord compression pathway. Printed {formatDateTime(now)} (UK time) by {printedBy}. Confidential: patient information.
      </p>
      {discharge ? null : (
        <p role="note" className="mt-2 border-4 border-black p-2 font-bold">
          <span aria-hidden>▲ </span>Draft: the patient has not been discharged yet, so this may change.
        </p>
      )}

      <Section id="patient" title="Patient">
        <Facts
          items={[
            ["Name", `${p.familyName.toUpperCase()}, ${p.givenName}`],
            ["Date of birth", formatCalendarDate(p.dateOfBirth)],
            ["NHS number", <span key="nhs" className="font-mono">{formatNhsNumber(p.nhsNumber)}</span>],
            ["Hospital number", p.hospitalNumber ?? notRecorded],
          ]}
        />
      </Section>

      <Section id="referral" title="Referral">
        <Facts
          items={[
            ["Received", formatDateTime(r.receivedAt)],
            ["Category", REFERRAL_CATEGORY_LABELS[r.category]],
            ["Status", REFERRAL_STATUS_LABELS[r.status]],
            ["Referred by", `${r.referrerName}, ${REFERRER_ROLE_LABELS[r.referrerRole]}${r.referrerOrganisation ? `, ${r.referrerOrganisation}` : ""}`],
            ["Primary cancer", r.primaryCancer ?? notRecorded],
            ["Warning symptoms", r.symptoms.length > 0 ? r.symptoms.map((s) => WARNING_SYMPTOMS[s]).join("; ") : "None recorded"],
            [
              "Neurology",
              r.neurology.length > 0
                ? `${r.neurology.map((n) => NEUROLOGY[n]).join("; ")}${r.neurologyOnsetAt ? ` (onset ${formatDateTime(r.neurologyOnsetAt)})` : ""}`
                : "None recorded (pain only)",
            ],
          ]}
        />
      </Section>

      <Section id="mobility" title="Mobility">
        <Facts
          items={[
            ["Ambulatory status at presentation", r.ambulatoryStatus ? AMBULATORY_STATUS_LABELS[r.ambulatoryStatus] : notRecorded],
            [
              "Ambulatory status at discharge",
              dischargeWalks
                ? AMBULATORY_STATUS_LABELS[dischargeWalks]
                : `Not discharged yet${latestAmbulatory ? `; latest recorded: ${describeScore(latestAmbulatory.data).toLowerCase()} (${formatDateTime(latestAmbulatory.at)})` : ""}`,
            ],
            ...(typeof discharge?.data.frankelGrade === "string" ? [["Frankel grade at discharge", discharge.data.frankelGrade] as [string, string]] : []),
          ]}
        />
      </Section>

      <Section id="scores" title="Scores at presentation and latest">
        {scales.length === 0 ? (
          <p>No scores recorded.</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <HeadRow columns={["Score", "First recorded", "Latest"]} />
            <tbody>
              {scales.map((scale) => {
                const entries = events.filter((e) => e.type === "score_recorded" && e.data.scale === scale);
                const [first, latest] = [entries[0], entries.at(-1)];
                return (
                  <tr key={scale} className="break-inside-avoid align-top">
                    <th scope="row" className="border border-black p-1">
                      {SCORE_SCALE_LABELS[scale]}
                    </th>
                    <td className="border border-black p-1">{first ? `${describeScore(first.data)} (${when(first)})` : "–"}</td>
                    <td className="border border-black p-1">{latest && latest !== first ? `${describeScore(latest.data)} (${when(latest)})` : "Only one recorded"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="decisions" title="Decisions">
        <DecisionLog events={events} />
      </Section>

      <Section id="treatments" title="Treatments">
        <EventList events={events.filter((e) => e.type === "treatment_started")} empty="No treatment started." label="Treatments started" userName={userName} />
      </Section>

      <Section id="dexamethasone" title="Dexamethasone">
        <DexamethasoneTracker doses={events.filter((e) => e.type === "dexamethasone_given")} cautions={[]} nextDose={null} />
        <p>
          <span className="font-semibold">Steroid reduction plan: </span>
          {CHECKLIST_STATE_WORDS[plan?.checklist.steroid_reduction_plan?.state ?? "open"].words}
          {plan?.checklist.steroid_reduction_plan?.note ? `. ${plan.checklist.steroid_reduction_plan.note}` : ""}
        </p>
      </Section>

      <Section id="imaging" title="Imaging">
        <ImagingTracker events={events} />
      </Section>

      <Section id="equipment" title="Equipment and adaptations">
        {equipment.length === 0 ? <p>None recorded.</p> : null}
        {delivered.length > 0 ? (
          <>
            <h3 className="font-bold">Delivered or installed</h3>
            <ul className="space-y-1 pl-2">
              {delivered.map((item) => (
                <EquipmentLine key={item.id} item={item} today={today} />
              ))}
            </ul>
          </>
        ) : null}
        {outstanding.length > 0 ? (
          <>
            <h3 className="font-bold">Still to come</h3>
            <ul className="space-y-1 pl-2">
              {outstanding.map((item) => (
                <EquipmentLine key={item.id} item={item} today={today} />
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="home" title="Arrangements at home">
        <Facts
          items={[
            ["Destination", destination ? `${DESTINATION_NAMES[destination]}${discharge ? "" : " (planned)"}` : "Not decided"],
            [discharge ? "Discharged" : "Expected discharge", discharge ? when(discharge) : (calendar(plan?.expectedDischargeOn ?? null) ?? "No date set")],
            ["Key worker", plan?.keyWorkerName ? `${plan.keyWorkerName}${plan.keyWorkerContact ? `, ${plan.keyWorkerContact}` : ""}` : notRecorded],
            ["Medically fit for discharge", plan?.medicallyFitAt ? `Since ${formatDateTime(plan.medicallyFitAt)}` : "Not recorded"],
            ["Rehabilitation goals", plan?.goals ?? notRecorded],
          ]}
        />
        {discharge && eventNote(discharge) ? <p>Discharge note: {eventNote(discharge)}</p> : null}
        <table className="w-full border-collapse text-left">
          <caption className="text-left font-bold">Discharge checklist</caption>
          <HeadRow columns={["Item", "State", "Notes"]} />
          <tbody>
            {CHECKLIST_ITEMS.map((item) => {
              const entry = plan?.checklist[item];
              const state = CHECKLIST_STATE_WORDS[entry?.state ?? "open"];
              const reason = typeof openReasons[item] === "string" ? `Open at discharge: ${openReasons[item]}` : null;
              return (
                <tr key={item} className="break-inside-avoid align-top">
                  <th scope="row" className="border border-black p-1 font-normal">
                    {CHECKLIST_ITEM_LABELS[item]}
                  </th>
                  <td className="border border-black p-1 whitespace-nowrap">
                    <span aria-hidden>{state.icon} </span>
                    {state.words}
                  </td>
                  <td className="border border-black p-1">{[entry?.note, reason].filter(Boolean).join(". ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>

      <Section id="clocks" title="Pathway clocks">
        <div className="print-fit-table">
          <ClockTable clocks={detail.clocks} now={now} />
        </div>
      </Section>

      <Section id="timeline" title="Pathway timeline">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Every event as it stands after corrections, oldest first (UK time)</caption>
          <HeadRow columns={["When", "What", "Recorded by"]} />
          <tbody>
            {events.map((e) => {
              const note = eventNote(e);
              return (
                <tr key={e.id} className="break-inside-avoid align-top">
                  <td className="border border-black p-1 whitespace-nowrap">{when(e)}</td>
                  <td className="border border-black p-1">
                    {describeEvent(e, { userName })}
                    {note ? <span className="block whitespace-pre-line">{note}</span> : null}
                  </td>
                  <td className="border border-black p-1">{e.recordedByName}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
    </article>
  );
}

/** A printed table's column headings, ruled like its cells. */
function HeadRow({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className="border border-black p-1">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

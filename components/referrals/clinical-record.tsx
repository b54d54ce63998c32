import type { ReferralDetail } from "@/db/queries/referrals";
import { dexamethasoneCautions, dexamethasoneStop, nextDoseDue, overrideNeeded } from "@/lib/domain/dexamethasone";
import { isReferralActive } from "@/lib/domain/vocabulary";
import { DecisionForm } from "./decision-form";
import { DecisionLog } from "./decision-log";
import { DexamethasoneForm } from "./dexamethasone-form";
import { DexamethasoneTracker } from "./dexamethasone-tracker";
import { ImagingForm } from "./imaging-form";
import { ImagingTracker } from "./imaging-tracker";
import type { EventAction } from "./referral-form";
import { ScoreForm } from "./score-form";
import { ScoreHistory } from "./score-history";
import { RecordPanel } from "./record-panel";
import { standingEvents } from "./standing-events";

interface Props {
  detail: ReferralDetail;
  now: Date;
  /** Present when the user may record events (referral:record_event): the forms are shown. */
  record: { action: EventAction; referralId: string; version: number; nowLocal: string } | null;
}


/**
 * The registrar's record on the referral page: decisions, dexamethasone, imaging and scores, each a tracker of
 * the events as they stand after corrections, with its focused form. The forms record the same events as the
 * timeline, so the clocks and the status move with them.
 */
export function ClinicalRecord({ detail, now, record }: Props) {
  const { referral } = detail;
  const events = standingEvents(detail.events);
  const doses = events.filter((e) => e.type === "dexamethasone_given");
  const stop = dexamethasoneStop({ events, active: isReferralActive(referral.status) });
  const dose = { haematologicalSuspected: referral.haematologicalSuspected, dosesGiven: doses.length };
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-2">
      <RecordPanel formFirst id="decisions" title="Decisions" formLabel="Record a decision" form={record ? <DecisionForm {...record} /> : null}>
        <DecisionLog events={events} />
      </RecordPanel>
      <RecordPanel formFirst id="dexamethasone" title="Dexamethasone" formLabel="Record a dose given" form={record ? <DexamethasoneForm {...record} overrideNeeded={overrideNeeded(dose)} /> : null}>
        <DexamethasoneTracker
          doses={doses}
          cautions={dexamethasoneCautions({ category: referral.category, ...dose, stop })}
          nextDose={nextDoseDue({ doseTimes: doses.map((e) => e.at), stop, now })}
        />
      </RecordPanel>
      <RecordPanel formFirst id="imaging" title="Imaging" formLabel="Record an imaging step" form={record ? <ImagingForm {...record} /> : null}>
        <ImagingTracker events={events} />
      </RecordPanel>
      <RecordPanel formFirst id="scores" title="Scores" formLabel="Record a score" form={record ? <ScoreForm {...record} /> : null}>
        <ScoreHistory events={events} />
      </RecordPanel>
    </div>
  );
}

import { eventNote, IMAGING_RESULT_LABELS, MODALITY_LABELS, type ImagingResult, type Modality } from "./event-labels";
import { entryClass, SignedBy } from "./signed-by";
import type { StandingEvent } from "./standing-events";

const STEP_LABELS = { imaging_requested: "Requested", imaging_performed: "Performed", imaging_reported: "Reported" } as const;
type Step = keyof typeof STEP_LABELS;
const isStep = (type: string): type is Step => type in STEP_LABELS;

/** Where a scan stands, from its latest step. */
const STANDING: Record<Step, string> = {
  imaging_requested: "Requested, not yet performed",
  imaging_performed: "Performed, awaiting the report",
  imaging_reported: "Reported",
};

function StepDetails({ event }: { event: StandingEvent }) {
  const d = event.data;
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
  const result = typeof d.result === "string" && d.result in IMAGING_RESULT_LABELS ? IMAGING_RESULT_LABELS[d.result as ImagingResult] : null;
  const details = [
    result ? `Result: ${result}` : null,
    text(d.levels) ? `Spinal levels: ${text(d.levels)}` : null,
    text(d.accession) ? `PACS accession number: ${text(d.accession)}` : null,
    text(d.imageExchange) ? `Image exchange: ${text(d.imageExchange)}` : null,
    eventNote(event),
  ].filter((x): x is string => x !== null);
  return details.length > 0 ? (
    <ul className="mt-1 list-disc pl-5">
      {details.map((line) => (
        <li key={line} className="break-words">
          {line}
        </li>
      ))}
    </ul>
  ) : null;
}

/** Per modality (MRI whole spine, MRI, CT, bone scan): each step recorded, with its result, levels and image references. */
export function ImagingTracker({ events }: { events: readonly StandingEvent[] }) {
  const steps = events.filter((e) => isStep(e.type));
  const modalities = (Object.keys(MODALITY_LABELS) as Modality[]).filter((m) => steps.some((e) => e.data.modality === m));
  if (modalities.length === 0) return <p>No imaging recorded yet.</p>;
  return (
    <div className="space-y-4">
      {modalities.map((m) => {
        const own = steps.filter((e) => e.data.modality === m);
        const latest = own.at(-1);
        return (
          <section key={m} aria-labelledby={`imaging-${m}`} className="space-y-2">
            <h3 id={`imaging-${m}`} className="text-lg font-bold">
              {MODALITY_LABELS[m]}
            </h3>
            {latest && isStep(latest.type) ? <p>{STANDING[latest.type]}</p> : null}
            <ol className="space-y-2">
              {own.map((e) => (
                <li key={e.id} className={entryClass}>
                  <p className="font-semibold">{isStep(e.type) ? STEP_LABELS[e.type] : e.type}</p>
                  <StepDetails event={e} />
                  <SignedBy event={e} />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

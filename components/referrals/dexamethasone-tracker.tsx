import type { DexamethasoneCaution, NextDose } from "@/lib/domain/dexamethasone";
import { formatDateTime, formatDuration } from "@/lib/domain/time-format";
import { eventNote, ROUTE_LABELS, type DexamethasoneRoute } from "./event-labels";
import { entryClass, SignedBy } from "./signed-by";
import { newestFirst, type StandingEvent } from "./standing-events";

const CAUTION_STYLE: Record<DexamethasoneCaution["tone"], { icon: string; word: string; className: string }> = {
  stop: { icon: "✕", word: "Stop", className: "border-nhs-red bg-red-50 text-red-950" },
  warning: { icon: "⚠", word: "Caution", className: "border-amber-700 bg-amber-50 text-amber-950" },
  prompt: { icon: "ℹ", word: "Reminder", className: "border-nhs-blue bg-blue-50 text-gray-950" },
};

/** The cautions (before a first dose, and while on it), the next daily dose, and every dose given, newest first. */
export function DexamethasoneTracker({ doses, cautions, nextDose }: { doses: readonly StandingEvent[]; cautions: readonly DexamethasoneCaution[]; nextDose: NextDose | null }) {
  return (
    <div className="space-y-3">
      {cautions.length > 0 ? (
        <ul className="space-y-2" aria-label="Dexamethasone cautions">
          {cautions.map((c) => {
            const style = CAUTION_STYLE[c.tone];
            return (
              <li key={c.id} className={`rounded border-l-4 p-2 ${style.className}`}>
                <span aria-hidden>{style.icon} </span>
                <span className="font-semibold">{style.word}: </span>
                {c.text}
              </li>
            );
          })}
        </ul>
      ) : null}
      {nextDose ? (
        <p className={nextDose.overdue ? "rounded border-l-4 border-nhs-red bg-red-50 p-2 font-semibold text-red-950" : "font-semibold"} data-testid="next-dose">
          {nextDose.overdue ? <span aria-hidden>⚠ </span> : null}
          Next daily dose due {formatDateTime(nextDose.dueAt)}
          {nextDose.overdue ? `: overdue by ${formatDuration(nextDose.overdueByMs)}` : ""}
        </p>
      ) : null}
      {doses.length === 0 ? (
        <p>No dose recorded.</p>
      ) : (
        <ol className="space-y-2" aria-label="Doses given, newest first">
          {newestFirst(doses).map((e) => {
            const route = typeof e.data.route === "string" && e.data.route in ROUTE_LABELS ? ROUTE_LABELS[e.data.route as DexamethasoneRoute] : null;
            const override = typeof e.data.overrideReason === "string" ? e.data.overrideReason : null;
            const note = eventNote(e);
            return (
              <li key={e.id} className={entryClass}>
                <p className="font-semibold">
                  Dexamethasone {typeof e.data.doseMg === "number" ? `${e.data.doseMg} mg` : "(dose not recorded)"}
                  {route ? ` ${route}` : ""}
                  {e.data.beforeReferral === true ? " (given before the referral)" : ""}
                </p>
                {override ? <p>Given before the haematology discussion: {override}</p> : null}
                {note ? <p className="whitespace-pre-line">{note}</p> : null}
                <SignedBy event={e} timeLabel="Given" />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

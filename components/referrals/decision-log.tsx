import { formatDateTime } from "@/lib/domain/time-format";
import { DECISION_LABELS, eventNote, type Decision } from "./event-labels";
import { entryClass, SignedBy } from "./signed-by";
import { newestFirst, type StandingEvent } from "./standing-events";

/** Every decision signed on this referral, newest first: what, when decided, who signed it, and the free text. */
export function DecisionLog({ events }: { events: readonly StandingEvent[] }) {
  const decisions = newestFirst(events.filter((e) => e.type === "decision"));
  if (decisions.length === 0) return <p>No decisions recorded yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Decisions, newest first">
      {decisions.map((e) => {
        const decision = typeof e.data.decision === "string" && e.data.decision in DECISION_LABELS ? DECISION_LABELS[e.data.decision as Decision] : "Decision";
        const decidedAt = typeof e.data.decidedAt === "string" ? new Date(e.data.decidedAt) : null;
        const note = eventNote(e);
        return (
          <li key={e.id} className={entryClass}>
            <p className="font-semibold">{decision}</p>
            {decidedAt ? <p>Decision to treat: {formatDateTime(decidedAt)}</p> : null}
            {note ? <p className="whitespace-pre-line">{note}</p> : null}
            <SignedBy event={e} timeLabel="Decided" />
          </li>
        );
      })}
    </ol>
  );
}

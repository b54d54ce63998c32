import type { ReferralDetail } from "@/db/queries/referrals";
import { formatDateTime } from "@/lib/domain/time-format";
import { describeEvent, eventNote } from "./event-labels";

type TimelineEvent = ReferralDetail["events"][number];

const anchor = (id: string) => `event-${id}`;

/** What the corrections on a referral say about each event they name. */
export function correctionsByEvent(events: readonly TimelineEvent[]): Map<string, TimelineEvent[]> {
  const byTarget = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    if (e.type !== "correction" || !e.correctsEventId) continue;
    byTarget.set(e.correctsEventId, [...(byTarget.get(e.correctsEventId) ?? []), e]);
  }
  return byTarget;
}

export const isWithdrawn = (corrections: readonly TimelineEvent[] | undefined) => (corrections ?? []).some((c) => c.data.retract === true);

/**
 * Every event, oldest clinical time first, with when and by whom it was recorded. Corrections are events of
 * their own that link to what they correct; a corrected event is marked and links back; a withdrawn one is
 * struck through but stays readable (history is never rewritten).
 */
export function EventTimeline({ events, userName }: { events: TimelineEvent[]; userName: (id: string) => string | null }) {
  const corrections = correctionsByEvent(events);
  const byId = new Map(events.map((e) => [e.id, e]));
  return (
    <ol className="space-y-3">
      {events.map((e) => {
        const own = corrections.get(e.id) ?? [];
        const withdrawn = isWithdrawn(own);
        const target = e.type === "correction" && e.correctsEventId ? byId.get(e.correctsEventId) : undefined;
        const note = eventNote(e);
        const description = describeEvent(e, { userName });
        return (
          <li
            key={e.id}
            id={anchor(e.id)}
            className={`scroll-mt-4 rounded border-l-4 bg-white p-3 shadow-sm break-inside-avoid ${
              e.type === "correction" ? "border-amber-700" : own.length > 0 ? "border-gray-500" : "border-nhs-blue"
            }`}
          >
            <p className="text-sm font-semibold text-gray-800">
              <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time>
              {withdrawn ? <span className="ml-2 rounded border border-gray-700 px-1 text-gray-900">Withdrawn</span> : own.length > 0 ? <span className="ml-2 rounded border border-amber-700 px-1 text-amber-950">Corrected</span> : null}
            </p>
            <p className={`font-semibold ${withdrawn ? "line-through decoration-2" : ""}`}>{description}</p>
            {note ? <p className={`whitespace-pre-line ${withdrawn ? "line-through" : ""}`}>{note}</p> : null}
            {target ? (
              <p>
                Corrects{" "}
                <a href={`#${anchor(target.id)}`} className="text-nhs-blue underline">
                  {describeEvent(target, { userName })} at {formatDateTime(target.occurredAt)}
                </a>
              </p>
            ) : null}
            {own.length > 0 ? (
              <p>
                {own.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 ? "; " : ""}
                    <a href={`#${anchor(c.id)}`} className="text-nhs-blue underline">
                      {c.data.retract === true ? "Withdrawn" : "Corrected"} on {formatDateTime(c.recordedAt)}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
            <p className="text-sm text-gray-700">
              Recorded {formatDateTime(e.recordedAt)} by {e.recordedByName}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

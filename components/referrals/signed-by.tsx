import { formatDateTime } from "@/lib/domain/time-format";
import type { StandingEvent } from "./standing-events";

/** Who signed an entry and when they recorded it, with its clinical time (marked when a correction moved it). */
export function SignedBy({ event, timeLabel = "Time" }: { event: StandingEvent; timeLabel?: string }) {
  return (
    <p className="text-sm text-gray-800">
      {timeLabel}: <time dateTime={event.at.toISOString()}>{formatDateTime(event.at)}</time>
      {event.timeCorrected ? " (corrected)" : ""}. Signed by {event.recordedByName}, recorded {formatDateTime(event.recordedAt)}.
    </p>
  );
}

export const entryClass = "rounded border-l-4 border-nhs-blue bg-white p-3 shadow-sm break-inside-avoid";

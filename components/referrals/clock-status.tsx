"use client";

import { useEffect, useState } from "react";
import { clockStatusAt, type ClockStatus } from "@/lib/domain/clocks";
import { formatDuration } from "@/lib/domain/time-format";

// Icon, words and colour together: nothing is told by colour alone.
export const CLOCK_STATUS_STYLE: Record<ClockStatus, { icon: string; label: string; className: string }> = {
  met: { icon: "✓", label: "Met", className: "border-nhs-green bg-green-50 text-green-900" },
  breached: { icon: "✕", label: "Breached", className: "border-nhs-red bg-red-50 text-red-900" },
  at_risk: { icon: "▲", label: "At risk", className: "border-amber-700 bg-amber-50 text-amber-950" },
  running: { icon: "●", label: "Running", className: "border-nhs-blue bg-blue-50 text-blue-950" },
  not_started: { icon: "○", label: "Not started", className: "border-gray-600 bg-gray-50 text-gray-900" },
  not_applicable: { icon: "–", label: "Not applicable", className: "border-gray-400 bg-white text-gray-800" },
};

export interface LiveClock {
  status: ClockStatus;
  /** Epoch milliseconds. */
  dueAt: number | null;
  atRiskAt: number | null;
  stopAt: number | null;
}

/** "due in 22 h 0 m", "breached by 6 h 0 m", "met 3 h 10 m before due". */
export function countdownText(clock: LiveClock, status: ClockStatus, now: number): string {
  switch (status) {
    case "running":
    case "at_risk":
      return clock.dueAt === null ? "" : `due in ${formatDuration(clock.dueAt - now)}`;
    case "breached":
      return clock.dueAt === null ? "" : `breached by ${formatDuration((clock.stopAt ?? now) - clock.dueAt)}`;
    case "met":
      return clock.dueAt === null || clock.stopAt === null ? "Met" : `met ${formatDuration(clock.dueAt - clock.stopAt)} before due`;
    case "not_started":
      return "Not started";
    case "not_applicable":
      return "Not applicable";
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}

/**
 * A clock's status and its countdown, two table cells that tick every 30 seconds in the browser without
 * asking the server. The first render uses the server's time, so the page hydrates as it was sent.
 */
export function ClockStatusCells({ clock, serverNow, reason }: { clock: LiveClock; serverNow: number; reason: React.ReactNode }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const status = clockStatusAt(clock, now);
  const style = CLOCK_STATUS_STYLE[status];
  return (
    <>
      <td className="p-3">
        <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 font-semibold ${style.className}`}>
          <span aria-hidden>{style.icon}</span>
          {style.label}
        </span>
        {/* On a phone the time left sits under the status, so both show without scrolling sideways. */}
        <span className="mt-1 block font-semibold sm:hidden">
          {countdownText(clock, status, now)}
        </span>
        {reason}
      </td>
      <td className="hidden p-3 whitespace-nowrap font-semibold sm:table-cell" data-testid="countdown">
        {countdownText(clock, status, now)}
      </td>
    </>
  );
}

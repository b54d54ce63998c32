"use client";

import { useEffect, useState } from "react";
import type { Connection } from "./use-live-list";

const STYLE: Record<Connection, { icon: string; label: string; className: string }> = {
  live: { icon: "●", label: "Live", className: "border-nhs-green bg-green-50 text-green-900" },
  connecting: { icon: "○", label: "Connecting", className: "border-gray-600 bg-gray-50 text-gray-900" },
  reconnecting: { icon: "▲", label: "Reconnecting: checking every 10 s", className: "border-amber-700 bg-amber-50 text-amber-950" },
};

/** Whether the list is live, and how long since it was last brought up to date ("updated 12 s ago"). */
export function LiveStatus({ connection, updatedAt, loading }: { connection: Connection; updatedAt: number; loading: boolean }) {
  const [now, setNow] = useState(updatedAt);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [updatedAt]);
  const seconds = Math.max(0, Math.round((now - updatedAt) / 1000));
  const style = STYLE[connection];
  return (
    <p className="flex flex-wrap items-center gap-2" data-testid="live-status" data-connection={connection}>
      <span className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 font-semibold ${style.className}`}>
        <span aria-hidden>{style.icon}</span>
        {style.label}
      </span>
      <span className="text-gray-800">
        {loading ? "Loading…" : seconds < 60 ? `Updated ${seconds} s ago` : `Updated ${Math.floor(seconds / 60)} min ago`}
      </span>
    </p>
  );
}

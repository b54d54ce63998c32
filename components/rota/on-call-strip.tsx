import Link from "next/link";
import { loadOnCallStatus, type OnCallNow } from "@/db/queries/rota";
import { ROTA_GAP_WARNING_DAYS } from "@/lib/domain/escalation";
import { formatDate, formatDateTime, formatTime } from "@/lib/domain/time-format";
import { RefreshAt } from "./refresh-at";

function OnCallLine({ label, onCall, now }: { label: string; onCall: OnCallNow | null; now: Date }) {
  if (!onCall) {
    return (
      <li className="rounded bg-nhs-warm-yellow px-2 font-semibold text-black">
        <span aria-hidden>▲ </span>
        {label}: nobody on call
      </li>
    );
  }
  const until = formatDate(onCall.until) === formatDate(now) ? formatTime(onCall.until) : formatDateTime(onCall.until);
  return (
    <li>
      {label}: <span className="font-semibold">{onCall.name}</span> until {onCall.untilAtLeast ? "at least " : ""}
      {until}
    </li>
  );
}

/**
 * Who holds the bleep now, on every signed-in page (one query per render), and for those who keep the rota a
 * warning when it has a gap in the days ahead.
 */
export async function OnCallStrip({ canManageRota }: { canManageRota: boolean }) {
  const now = new Date();
  const { first, second, gaps } = await loadOnCallStatus({ now });
  const changes = [first?.until, second?.until, ...gaps.map((g) => (g.from.getTime() > now.getTime() ? g.from : g.to))].filter((d) => d !== undefined);
  const nextChange = changes.length > 0 ? new Date(Math.min(...changes.map((d) => d.getTime()))) : null;
  return (
    <div className="border-t border-white/30">
      <ul aria-label="On call now" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 text-sm">
        <OnCallLine label="First on call" onCall={first} now={now} />
        <OnCallLine label="Second line" onCall={second} now={now} />
        {canManageRota && gaps.length > 0 ? (
          <li>
            <Link href="/admin/rota" className="rounded bg-nhs-warm-yellow px-2 font-semibold text-black underline hover:no-underline">
              <span aria-hidden>▲ </span>Gap in the rota in the next {ROTA_GAP_WARNING_DAYS} days
            </Link>
          </li>
        ) : null}
      </ul>
      {nextChange ? <RefreshAt at={nextChange.toISOString()} /> : null}
    </div>
  );
}

import type { WorklistJson } from "@/lib/api/schemas";
import type { WorklistQuery } from "@/lib/validation/worklist";
import { ClockStateBadge } from "./worklist-cells";

/**
 * Counts across every active referral, whatever the filters, so a filtered or sorted view never hides an overdue
 * patient without saying so.
 */
const SHOW_ALL: Partial<WorklistQuery> = {
  view: "all",
  sort: "urgency",
  dir: undefined,
  category: undefined,
  status: undefined,
  clock: undefined,
  registrar: undefined,
  from: undefined,
  to: undefined,
  q: undefined,
};

export function WorklistSummaryBar({ data, query, setQuery }: { data: WorklistJson; query: WorklistQuery; setQuery: (change: Partial<WorklistQuery>) => void }) {
  const { counts } = data;
  const hiddenBreached = counts.breached - counts.breachedShown;
  const notUrgencyOrder = query.sort !== "urgency" && counts.breachedShown > 0 && data.total > data.pageSize;
  return (
    <div className="mb-3 space-y-2">
      <ul className="flex flex-wrap items-center gap-3" aria-label="Across all active referrals" data-testid="worklist-counts">
        <li className="flex items-center gap-1">
          <ClockStateBadge state="breached" /> <span data-testid="count-breached">{counts.breached}</span>
        </li>
        <li className="flex items-center gap-1">
          <ClockStateBadge state="at_risk" /> <span data-testid="count-at-risk">{counts.atRisk}</span>
        </li>
        <li>
          <span className="font-semibold">Untriaged:</span> {counts.untriaged}
        </li>
        {data.view === "registrar" || counts.awaitingMyAcknowledgement > 0 ? (
          <li className={counts.awaitingMyAcknowledgement > 0 ? "font-semibold text-red-900" : ""}>
            {counts.awaitingMyAcknowledgement > 0 ? <span aria-hidden>! </span> : null}
            Escalated to you, not acknowledged: {counts.awaitingMyAcknowledgement}
          </li>
        ) : null}
      </ul>
      {hiddenBreached > 0 ? (
        <div
          role={data.view === "discharge" ? undefined : "alert"}
          className={`no-print rounded border-l-8 p-3 font-semibold ${data.view === "discharge" ? "border-gray-500 bg-white text-gray-900" : "border-nhs-red bg-red-50 text-red-900"}`}
          data-testid="hidden-breached"
        >
          <span aria-hidden>✕ </span>
          {hiddenBreached} breached {hiddenBreached === 1 ? "referral is" : "referrals are"} not shown because of the {data.view === "discharge" ? "discharge view" : "filters, search or view"}.{" "}
          <button type="button" className="underline" onClick={() => setQuery({ ...SHOW_ALL })}>
            Show every active referral, most urgent first
          </button>
        </div>
      ) : null}
      {notUrgencyOrder ? (
        <p className="no-print text-sm text-gray-900">
          <span aria-hidden>▲ </span>Sorted by {query.sort}: breached referrals may be on other pages.{" "}
          <button type="button" className="font-semibold text-nhs-blue underline" onClick={() => setQuery({ sort: "urgency", dir: undefined })}>
            Sort most urgent first
          </button>
        </p>
      ) : null}
    </div>
  );
}

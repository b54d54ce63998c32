import type { DischargeBoardItemJson } from "@/lib/api/schemas";
import { openClockState } from "@/lib/domain/worklist";
import { ClockStateBadge } from "@/components/worklist/worklist-cells";
import { BOARD_STATE_LABELS, blockers, boardState, destinationText, dueThisWeek, fitText, keyWorkerText, overdue, therapyText, type BoardState } from "./present";

/** The cells of one board row, shared by the table and the phone cards. `now` is the browser's ticking clock. */

type Item = DischargeBoardItemJson;

// Icon, words and colour together: nothing is told by colour alone.
const STATE_STYLE: Record<BoardState, { icon: string; className: string }> = {
  blocked_fit: { icon: "✕", className: "border-nhs-red bg-red-50 text-red-900" },
  ready: { icon: "✓", className: "border-nhs-green bg-green-50 text-green-900" },
  not_fit: { icon: "○", className: "border-gray-600 bg-gray-50 text-gray-900" },
};

export function BoardStateCell({ item }: { item: Item }) {
  const state = boardState(item);
  const style = STATE_STYLE[state];
  return (
    <div data-testid="board-state" data-state={state}>
      <span className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-sm font-semibold ${style.className}`}>
        <span aria-hidden>{style.icon}</span>
        {BOARD_STATE_LABELS[state]}
      </span>
      <span className="mt-1 block text-sm">Medically fit: {fitText(item)}</span>
    </div>
  );
}

export function BlockedByCell({ item, now }: { item: Item; now: number }) {
  if (!item.blocked) {
    return (
      <span className="text-sm text-green-900" data-testid="blocked-by">
        <span aria-hidden>✓ </span>Nothing blocking discharge
      </span>
    );
  }
  const list = blockers(item, now);
  return (
    <div data-testid="blocked-by" className="text-sm">
      <span className="font-semibold">
        <span aria-hidden>✕ </span>Blocked by:
      </span>
      <ul className="ml-4 list-disc">
        {list.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </div>
  );
}

export function DueCell({ item }: { item: Item }) {
  const due = dueThisWeek(item);
  const late = overdue(item);
  if (due.length === 0 && late.length === 0) return <span className="text-sm text-gray-800">Nothing this week</span>;
  return (
    <div className="text-sm" data-testid="due-this-week">
      {late.length > 0 ? (
        <ul className="mb-1 font-semibold text-red-900" aria-label="Overdue">
          {late.map((l) => (
            <li key={l}>
              <span aria-hidden>! </span>Overdue: {l}
            </li>
          ))}
        </ul>
      ) : null}
      {due.length > 0 ? (
        <ul aria-label="Due this week">
          {due.map((d) => (
            <li key={d}>
              <span aria-hidden>◷ </span>
              {d}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function DestinationCell({ item }: { item: Item }) {
  return <span className="text-sm">{destinationText(item)}</span>;
}

export function KeyWorkerCell({ item }: { item: Item }) {
  return <span className={`text-sm ${item.hasPlan ? "" : "font-semibold"}`}>{keyWorkerText(item)}</span>;
}

export function TherapyCell({ item, now }: { item: Item; now: number }) {
  if (item.therapyClocks.length === 0) return <span className="text-sm text-gray-800">{therapyText(item, now)[0]}</span>;
  const texts = therapyText(item, now);
  return (
    <ul className="space-y-1 text-sm">
      {item.therapyClocks.map((clock, i) => (
        <li key={clock.id}>
          <ClockStateBadge state={openClockState(clock, now)} />
          <span className="block">{texts[i]}</span>
        </li>
      ))}
    </ul>
  );
}

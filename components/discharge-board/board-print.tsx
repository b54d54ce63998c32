import type { DischargeBoardItemJson } from "@/lib/api/schemas";
import { formatDateTime } from "@/lib/domain/time-format";
import { patientName, patientNhsNumber } from "@/lib/worklist/present";
import { BOARD_STATE_LABELS, blockedByText, boardState, destinationText, dueThisWeek, keyWorkerText, overdue, therapyText } from "./present";

const STATE_ICON = { blocked_fit: "✕", ready: "✓", not_fit: "○" } as const;

/**
 * The board as printed: A4 landscape, black and white (states in words and symbols, never colour), the rows on
 * screen in the same order. Shown only when printing; the screen's table and cards are hidden then.
 */
export function BoardPrint({ rows, now, total, firstRow, filtersText }: { rows: readonly DischargeBoardItemJson[]; now: number; total: number; firstRow: number; filtersText: string }) {
  return (
    <section className="hidden text-black print:block" data-testid="board-print" aria-label="Printed discharge board">
      <h2 className="text-lg font-bold">Discharge board</h2>
      <p className="mb-2 text-xs">
        Printed {formatDateTime(new Date(now))} (UK time). {total === 0 ? "No patients" : `Patients ${firstRow} to ${firstRow + rows.length - 1} of ${total}`}; {filtersText}. ✕ medically fit and
        blocked, ✓ nothing blocking, ○ not yet medically fit. Confidential: patient information.
      </p>
      <table className="print-table w-full border-collapse text-left">
        <thead>
          <tr>
            {["Patient", "Status", "Blocked by", "Due this week / overdue", "Destination", "Key worker", "Therapy assessments"].map((h) => (
              <th key={h} scope="col" className="border border-black p-1 align-bottom">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => {
            const state = boardState(item);
            const due = [...overdue(item).map((o) => `Overdue: ${o}`), ...dueThisWeek(item)];
            return (
              <tr key={item.id}>
                <td className="border border-black p-1 align-top">
                  <strong>{patientName(item)}</strong>
                  <br />
                  NHS {patientNhsNumber(item)}
                </td>
                <td className="border border-black p-1 align-top">
                  {STATE_ICON[state]} {BOARD_STATE_LABELS[state]}
                </td>
                <td className="border border-black p-1 align-top">{blockedByText(item, now)}</td>
                <td className="border border-black p-1 align-top">{due.length === 0 ? "Nothing this week" : due.join("; ")}</td>
                <td className="border border-black p-1 align-top">{destinationText(item)}</td>
                <td className="border border-black p-1 align-top">{keyWorkerText(item)}</td>
                <td className="border border-black p-1 align-top">{therapyText(item, now).join("; ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

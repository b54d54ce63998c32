import type { EquipmentItem } from "@/db/schema/rehabilitation";
import { blocksDischargeNow, daysBlocking, equipmentItemName, isEquipmentOverdue } from "@/lib/domain/equipment";
import { formatCalendarDate } from "@/lib/domain/time-format";
import { EquipmentStatusBadge, Flag } from "./equipment-badges";
import { EquipmentItemForm, type EquipmentAction } from "./equipment-item-form";

const summaryClass = "cursor-pointer rounded font-semibold text-nhs-blue underline-offset-2 hover:underline";

/** Each item with its status, owner and dates (dd/MM/yyyy), flagged when overdue or blocking discharge; its update form for the team. */
export function EquipmentTracker({ items, today, now, update }: { items: readonly EquipmentItem[]; today: string; now: Date; update: EquipmentAction | null }) {
  if (items.length === 0) return <p>No equipment or adaptations recorded yet.</p>;
  return (
    <ul className="space-y-3" aria-label="Equipment and adaptations">
      {items.map((item) => {
        const name = equipmentItemName(item);
        const days = blocksDischargeNow(item) ? daysBlocking(item, now) : null;
        const details: [string, string | null][] = [
          ["Supplier or service", item.supplier],
          ["Owner", item.owner],
          ["Requested", item.requestedOn && formatCalendarDate(item.requestedOn)],
          ["Expected", item.expectedOn && formatCalendarDate(item.expectedOn)],
          ["Delivered", item.deliveredOn && formatCalendarDate(item.deliveredOn)],
          ["Installed", item.installedOn && formatCalendarDate(item.installedOn)],
          ["Reason cancelled", item.cancelledReason],
          ["Notes", item.notes],
        ];
        return (
          <li key={item.id} aria-labelledby={`equipment-${item.id}-name`} className="break-inside-avoid space-y-2 rounded border-l-4 border-nhs-blue bg-white p-3 shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <h4 id={`equipment-${item.id}-name`} className="font-bold">
                {name}
              </h4>
              <EquipmentStatusBadge status={item.status} />
              {isEquipmentOverdue(item, today) ? (
                <Flag tone="amber" icon="▲">
                  Overdue
                </Flag>
              ) : null}
              {blocksDischargeNow(item) ? (
                <Flag tone="red" icon="⛔">
                  Blocks discharge{days === null ? "" : days === 1 ? " for 1 day" : ` for ${days} days`}
                </Flag>
              ) : null}
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              {details
                .filter((d): d is [string, string] => Boolean(d[1]))
                .map(([label, value]) => (
                  <div key={label} className="contents">
                    <dt className="font-semibold">{label}</dt>
                    <dd className="break-words">{value}</dd>
                  </div>
                ))}
            </dl>
            {update ? (
              <details className="no-print rounded border-2 border-gray-300 p-3">
                <summary className={summaryClass}>
                  Update<span className="sr-only"> {name}</span>
                </summary>
                <div className="mt-3">
                  <EquipmentItemForm action={update} item={item} />
                </div>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

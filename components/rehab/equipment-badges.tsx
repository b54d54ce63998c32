import { EQUIPMENT_STATUS_LABELS, type EquipmentStatus } from "@/lib/domain/equipment";

// Icon, words and colour together: nothing is told by colour alone.
const STATUS_STYLE: Record<EquipmentStatus, { icon: string; className: string }> = {
  needed: { icon: "○", className: "border-gray-600 bg-gray-50 text-gray-900" },
  requested: { icon: "◔", className: "border-nhs-blue bg-blue-50 text-blue-950" },
  ordered: { icon: "◑", className: "border-nhs-blue bg-blue-50 text-blue-950" },
  delivered: { icon: "●", className: "border-nhs-green bg-green-50 text-green-900" },
  installed: { icon: "✓", className: "border-nhs-green bg-green-50 text-green-900" },
  cancelled: { icon: "✕", className: "border-gray-400 bg-white text-gray-800" },
};

const badgeClass = "inline-flex items-center gap-1 rounded border-2 px-2 py-0.5 text-sm font-semibold";

export function EquipmentStatusBadge({ status }: { status: EquipmentStatus }) {
  const style = STATUS_STYLE[status];
  return (
    <span className={`${badgeClass} ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      {EQUIPMENT_STATUS_LABELS[status]}
    </span>
  );
}

/** A warning flag ("Overdue", "Blocks discharge for 3 days"): amber or red, always with its icon and words. */
export function Flag({ tone, icon, children }: { tone: "amber" | "red"; icon: string; children: React.ReactNode }) {
  const colour = tone === "red" ? "border-nhs-red bg-red-50 text-red-900" : "border-amber-700 bg-amber-50 text-amber-950";
  return (
    <span className={`${badgeClass} ${colour}`}>
      <span aria-hidden>{icon}</span>
      {children}
    </span>
  );
}

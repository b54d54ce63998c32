import type { ReferralCategory } from "@/lib/domain/vocabulary";

// Colour plus an icon plus the words: nothing is told by colour alone.
const STYLE: Record<ReferralCategory, { icon: string; className: string }> = {
  suspected_mscc: { icon: "▲", className: "bg-red-100 text-red-900 border-red-700" },
  suspected_spinal_metastases: { icon: "●", className: "bg-amber-50 text-amber-950 border-amber-700" },
  not_mscc: { icon: "○", className: "bg-gray-100 text-gray-900 border-gray-600" },
};

export function CategoryBadge({ category, label }: { category: ReferralCategory; label: string }) {
  const style = STYLE[category];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 font-semibold ${style.className}`}>
      <span aria-hidden>{style.icon}</span>
      {label}
    </span>
  );
}

import Link from "next/link";
import { PrintButton } from "@/components/ui/print-button";

/** Above a printable page, never on the paper: the Print button, the way back, and what the print will look like. */
export function PrintToolbar({ printLabel, back, note }: { printLabel: string; back: { href: string; label: string }; note: string }) {
  return (
    <div className="no-print mb-4 flex flex-wrap items-center gap-3">
      <PrintButton label={printLabel} />
      <Link href={back.href} className="font-semibold text-nhs-blue underline">
        {back.label}
      </Link>
      <p className="text-sm">{note}</p>
    </div>
  );
}

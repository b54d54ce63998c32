"use client";

import { useEffect, useState } from "react";

/**
 * Ward-screen mode: initials and the last 4 digits of the NHS number only. Switching loads a whole new page, so the
 * document holds only what the ward screen may show (no names from before). The box shows the choice at once, while
 * that page loads, rather than springing back until it arrives.
 */
export function WardModeToggle({ checked, hrefFor }: { checked: boolean; hrefFor: (ward: boolean) => string }) {
  const [chosen, setChosen] = useState<boolean | null>(null);
  // Back to this page from the browser's cache: the box shows what this page is again, not the choice that left it.
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => {
      if (e.persisted) setChosen(null);
    };
    window.addEventListener("pageshow", restored);
    return () => window.removeEventListener("pageshow", restored);
  }, []);
  return (
    <label className="inline-flex items-center gap-2 font-semibold">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={chosen ?? checked}
        onChange={(e) => {
          setChosen(e.target.checked);
          window.location.assign(hrefFor(e.target.checked));
        }}
      />
      Ward-screen mode
    </label>
  );
}

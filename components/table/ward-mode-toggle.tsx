"use client";

/**
 * Ward-screen mode: initials and the last 4 digits of the NHS number only. Switching loads a whole new page, so the
 * document holds only what the ward screen may show (no names from before).
 */
export function WardModeToggle({ checked, hrefFor }: { checked: boolean; hrefFor: (ward: boolean) => string }) {
  return (
    <label className="inline-flex items-center gap-2 font-semibold">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={checked}
        onChange={(e) => {
          window.location.assign(hrefFor(e.target.checked));
        }}
      />
      Ward-screen mode
    </label>
  );
}

"use client";

import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";

const WARN_BEFORE_MS = 2 * 60_000;
const RENEW_AT_MOST_EVERY_MS = 30_000;
const TICK_MS = 5_000;
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart", "mousemove"] as const;
// Shared by every tab of this browser: the session cookie is shared, so its deadline must be too. Work in one
// tab keeps an idle second tab from signing everyone out.
const RENEWED_AT_KEY = "mscc:session-renewed-at";

function sharedRenewedAt(): number {
  const value = Number(window.localStorage.getItem(RENEWED_AT_KEY));
  return Number.isFinite(value) ? value : 0;
}

/**
 * Signs out after the idle timeout. The server's session token expires idleMinutes after its last renewal;
 * this renews it only when the person does something, and counts down to the same deadline, warning
 * two minutes before. A screen left open all night is therefore signed out on the server as well.
 */
export function IdleGuard({ idleMinutes }: { idleMinutes: number }) {
  const timeoutMs = idleMinutes * 60_000;
  const renewedAt = useRef(0);
  const renewing = useRef(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    const markRenewed = () => {
      renewedAt.current = Date.now();
      window.localStorage.setItem(RENEWED_AT_KEY, String(renewedAt.current));
    };
    markRenewed();
    let signingOut = false;

    const expire = () => {
      if (signingOut) return;
      signingOut = true;
      void signOut({ callbackUrl: "/signin?reason=idle" });
    };

    const renew = async () => {
      if (renewing.current || signingOut) return;
      renewing.current = true;
      try {
        const response = await fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" });
        const session = (await response.json()) as { user?: unknown };
        if (session.user) markRenewed();
        else expire();
      } catch {
        // Offline for a moment: the next activity tries again; the deadline stands meanwhile.
      } finally {
        renewing.current = false;
      }
    };

    const lastRenewal = () => Math.max(renewedAt.current, sharedRenewedAt());

    const onActivity = () => {
      if (Date.now() - lastRenewal() >= RENEW_AT_MOST_EVERY_MS) void renew();
    };

    const tick = () => {
      const left = lastRenewal() + timeoutMs - Date.now();
      if (left <= 0) expire();
      else setSecondsLeft(left <= WARN_BEFORE_MS ? Math.ceil(left / 1000) : null);
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    const timer = window.setInterval(tick, TICK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
      window.clearInterval(timer);
    };
  }, [timeoutMs]);

  if (secondsLeft === null) return null;
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  return (
    <div role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-body" className="no-print fixed inset-x-0 top-0 z-50 bg-nhs-warm-yellow p-4 text-black shadow-lg">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3">
        <div>
          <p id="idle-title" className="font-bold">
            You will be signed out soon
          </p>
          <p id="idle-body">
            No activity for a while: you will be signed out in {minutes > 0 ? `${minutes} min ` : ""}
            {seconds} s to protect patient information.
          </p>
        </div>
        <button type="button" className="rounded bg-black px-4 py-2 font-semibold text-white" onClick={() => setSecondsLeft(null)}>
          Stay signed in
        </button>
      </div>
    </div>
  );
}

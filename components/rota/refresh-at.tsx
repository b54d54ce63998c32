"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const LONGEST_TIMEOUT_MS = 2_147_483_647;

/**
 * Layouts are kept across navigation, so what the header says about the rota would go stale at a handover:
 * this fetches the page again (what is typed in forms stays) just after the instant it changes.
 */
export function RefreshAt({ at }: { at: string }) {
  const router = useRouter();
  useEffect(() => {
    const wait = new Date(at).getTime() - Date.now() + 1_000;
    const timer = window.setTimeout(() => router.refresh(), Math.min(Math.max(wait, 1_000), LONGEST_TIMEOUT_MS));
    return () => window.clearTimeout(timer);
  }, [at, router]);
  return null;
}

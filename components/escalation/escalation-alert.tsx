"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { subscribeToChanges } from "@/components/live/change-stream";
import type { EventAction } from "@/components/referrals/referral-form";
import type { WaitingEscalationJson, WaitingEscalationsJson } from "@/lib/api/escalations";
import { formatDuration, formatTime } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORY_LABELS } from "@/lib/domain/vocabulary";

const POLL_MS = 30_000;
const REPEAT_SOUND_MS = 60_000;
const TICK_MS = 15_000;

// One audio context per tab, made (or resumed) by a click: browsers refuse sound a page starts on its own.
let audio: AudioContext | null = null;

function beep(context: AudioContext): void {
  // Three short high tones, like a bleep: distinct from any sound a browser or the desktop makes.
  for (let i = 0; i < 3; i++) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.25;
    oscillator.connect(gain).connect(context.destination);
    const at = context.currentTime + i * 0.3;
    oscillator.start(at);
    oscillator.stop(at + 0.18);
  }
}

function deadlineText(e: WaitingEscalationJson, now: number): string {
  if (e.level === 2) return e.escalatedToId ? "Not acknowledged in time: it has gone to the second line" : "Not acknowledged in time, and nobody is on the second line of the rota";
  if (!e.acknowledgementDueAt) return "Acknowledge now";
  const due = Date.parse(e.acknowledgementDueAt);
  return due > now
    ? `Acknowledge by ${formatTime(new Date(due))} (in ${formatDuration(due - now)})`
    : `Overdue by ${formatDuration(now - due)}: going to the second line`;
}

/**
 * The alert that makes an escalation impossible to miss (issue 5, item 2): on every signed-in page of a clinician
 * who can acknowledge, each escalation waiting for them, with its deadline ticking, one-click acknowledgement, a
 * sound on arrival and every minute until acknowledged (once turned on), and a browser notification that names no
 * patient (it may show on a locked screen).
 */
export function EscalationAlert({ action }: { action: EventAction }) {
  const [escalations, setEscalations] = useState<WaitingEscalationJson[]>([]);
  const [now, setNow] = useState(() => Date.now());
  // On the server and at first load there is no audio context yet: the sound is off until a click.
  const [soundOn, setSoundOn] = useState(() => audio?.state === "running");
  const [soundCount, setSoundCount] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const router = useRouter();
  const seen = useRef<Set<string> | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const sound = useCallback(() => {
    if (audio?.state !== "running") return;
    beep(audio);
    setSoundCount((n) => n + 1);
  }, []);

  const load = useCallback(async () => {
    try {
      const response = await fetch("/api/v1/escalations", { cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) return;
      const body = (await response.json()) as WaitingEscalationsJson;
      const fresh = body.escalations.filter((e) => !seen.current?.has(`${e.referralId}:${e.level}`));
      seen.current = new Set(body.escalations.map((e) => `${e.referralId}:${e.level}`));
      setEscalations(body.escalations);
      setNow(Date.now());
      if (fresh.length > 0) {
        sound();
        if (typeof Notification !== "undefined" && Notification.permission === "granted") {
          for (const e of fresh) {
            new Notification(e.level === 2 ? "MSCC escalation not acknowledged" : "MSCC escalation for you", {
              body: `${REFERRAL_CATEGORY_LABELS[e.category]}: ${deadlineText(e, Date.now())}. Open the dashboard to acknowledge.`,
              tag: `mscc-${e.referralId}-${e.level}`,
              requireInteraction: true,
            });
          }
        }
      }
    } catch {
      // Offline for a moment: the next change, poll or tick tries again.
    }
  }, [sound]);

  useEffect(() => {
    const scheduleLoad = () => {
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void load(), 150);
    };
    // The stream's "ready" loads the list first; without a stream, it is loaded at once and then polled.
    const unsubscribe = subscribeToChanges({ onChange: scheduleLoad, onStatus: (status) => status === "reconnecting" && scheduleLoad() });
    const poll = setInterval(() => void load(), POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      unsubscribe();
      clearInterval(poll);
      clearInterval(tick);
      if (debounce.current) clearTimeout(debounce.current);
    };
  }, [load]);

  // Until acknowledged, the sound comes back every minute.
  useEffect(() => {
    if (escalations.length === 0 || !soundOn) return;
    const repeat = setInterval(sound, REPEAT_SOUND_MS);
    return () => clearInterval(repeat);
  }, [escalations.length, soundOn, sound]);

  const turnOn = async () => {
    audio ??= new AudioContext();
    await audio.resume();
    setSoundOn(audio.state === "running");
    if (typeof Notification !== "undefined" && Notification.permission === "default") await Notification.requestPermission();
    if (escalations.length > 0) sound();
  };

  const acknowledge = async (e: WaitingEscalationJson) => {
    setBusy(e.referralId);
    setMessage(null);
    // The server records the time it receives it: a screen's clock may be wrong.
    const form = new FormData();
    form.set("referralId", e.referralId);
    form.set("expectedVersion", String(e.version));
    form.set("type", "acknowledged");
    try {
      const result = await action(null, form);
      setMessage(result.ok ? { ok: true, text: `Acknowledged: ${e.patientInitials}, NHS number ending ${e.nhsNumberLastFour}.` } : { ok: false, text: result.error.message });
      // The page under the alert (a referral, the worklist) shows the acknowledgement too.
      if (result.ok) router.refresh();
    } catch {
      setMessage({ ok: false, text: "The server cannot be reached: the acknowledgement was not saved. Try again." });
    } finally {
      setBusy(null);
      void load();
    }
  };

  return (
    <div className="no-print" data-testid="escalation-alerts" data-sound-count={soundCount}>
      {escalations.length > 0 ? (
        <section role="alert" aria-labelledby="escalation-alert-heading" className="border-b-4 border-nhs-red bg-red-50 px-4 py-3">
          <div className="mx-auto max-w-7xl">
            <h2 id="escalation-alert-heading" className="text-lg font-bold text-red-900">
              <span aria-hidden>🔔 </span>
              {escalations.length === 1 ? "An escalation is waiting for your acknowledgement" : `${escalations.length} escalations are waiting for your acknowledgement`}
            </h2>
            <ul className="mt-2 space-y-2">
              {escalations.map((e) => (
                <li key={e.referralId} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded bg-white p-2 shadow-sm" data-testid="escalation-alert-item">
                  <span className="font-semibold">
                    {REFERRAL_CATEGORY_LABELS[e.category]}: {e.patientInitials}, NHS number ending {e.nhsNumberLastFour}
                  </span>
                  <span className={e.level === 2 || (e.acknowledgementDueAt !== null && Date.parse(e.acknowledgementDueAt) <= now) ? "font-bold text-red-900" : ""}>
                    {e.level === 2 || (e.acknowledgementDueAt !== null && Date.parse(e.acknowledgementDueAt) <= now) ? <span aria-hidden>✕ </span> : <span aria-hidden>⏱ </span>}
                    {deadlineText(e, now)}
                  </span>
                  <span className="ml-auto flex gap-2">
                    <Link href={`/referrals/${e.referralId}`} className="rounded border-2 border-nhs-blue px-3 py-1 font-semibold text-nhs-blue">
                      Open referral
                    </Link>
                    <button
                      type="button"
                      onClick={() => void acknowledge(e)}
                      disabled={busy !== null}
                      className="rounded bg-nhs-green px-3 py-1 font-semibold text-white disabled:opacity-60"
                    >
                      {busy === e.referralId ? "Acknowledging…" : "Acknowledge"}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`mx-auto max-w-7xl px-4 py-2 ${message.ok ? "text-green-900" : "font-semibold text-red-900"}`}>
          {message.text}
        </p>
      ) : null}
      {soundOn ? null : (
        <p className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2 text-sm">
          <span>
            <span aria-hidden>🔕 </span>Escalation alerts are silent on this screen.
          </span>
          <button type="button" onClick={() => void turnOn()} className="rounded border-2 border-nhs-blue px-2 py-0.5 font-semibold text-nhs-blue">
            Turn on sound and notifications
          </button>
        </p>
      )}
    </div>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { formatDateTime } from "@/lib/domain/time-format";

interface Props {
  callbackUrl: string;
  idleMinutes: number;
  reason: string | null;
  error: string | null;
  oidc: { id: string; name: string } | null;
}

function messageFor(error: string, idleMinutes: number): string {
  if (error.startsWith("locked:")) {
    const until = new Date(error.slice("locked:".length));
    const when = Number.isNaN(until.getTime()) ? "in 15 minutes" : `at ${formatDateTime(until)}`;
    return `Too many failed attempts: sign-in to this account is paused. Try again ${when}, or ask an administrator.`;
  }
  switch (error) {
    case "CredentialsSignin":
      return "The email address or password is not right. Check them and try again.";
    case "oidc_no_account":
      return "Your organisation account is not set up for this service. Ask an administrator to add you.";
    case "unavailable":
      return "Sign-in could not be checked just now. Try again in a moment; if it keeps failing, contact the service desk.";
    case "SessionRequired":
      return "Sign in to continue.";
    case "idle":
      return `You were signed out after ${idleMinutes} minutes without activity. Sign in again to continue.`;
    default:
      return "Sign-in did not work. Try again; if it keeps failing, contact the service desk.";
  }
}

export function SignInForm({ callbackUrl, idleMinutes, reason, error, oidc }: Props) {
  const [message, setMessage] = useState<string | null>(error ? messageFor(error, idleMinutes) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setMessage("Enter your email address and password.");
      return;
    }
    setPending(true);
    setMessage(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (!result || result.error) {
        setMessage(messageFor(result?.error ?? "unknown", idleMinutes));
        setPending(false);
        return;
      }
      // A full navigation, so every server component reads the new session.
      window.location.assign(callbackUrl);
    } catch {
      setMessage("The service could not be reached. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <div className="mt-6">
      {reason === "idle" && !message ? (
        <p role="status" className="mb-4 rounded border-l-4 border-nhs-blue bg-blue-50 p-3">
          {messageFor("idle", idleMinutes)}
        </p>
      ) : null}
      {reason === "signed_out" && !message ? (
        <p role="status" className="mb-4 rounded border-l-4 border-nhs-green bg-green-50 p-3">
          You have signed out.
        </p>
      ) : null}
      {message ? (
        <div role="alert" className="mb-4 rounded border-l-4 border-nhs-red bg-red-50 p-3 font-medium text-red-900">
          {message}
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-5">
        <div>
          <label htmlFor="email" className="block font-semibold">
            Email address
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 block w-full rounded border-2 border-gray-700 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="password" className="block font-semibold">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded border-2 border-gray-700 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-nhs-green px-4 py-2.5 text-lg font-semibold text-white hover:bg-green-800 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <div className="mt-6 border-t pt-6">
          <button
            type="button"
            onClick={() => void signIn(oidc.id, { callbackUrl })}
            className="w-full rounded border-2 border-nhs-blue px-4 py-2.5 font-semibold text-nhs-blue hover:bg-blue-50"
          >
            Sign in with {oidc.name}
          </button>
        </div>
      ) : null}
    </div>
  );
}

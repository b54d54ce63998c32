import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { env, oidcEnabled } from "@/lib/env";
import { safeCallbackUrl } from "@/lib/validation/callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-md rounded-lg bg-white p-8 shadow">
        <p className="text-sm font-semibold uppercase tracking-wide text-nhs-blue">MSCC Escalation Dashboard</p>
        <h1 className="mt-2 text-3xl font-bold">Sign in</h1>
        <SignInForm
          callbackUrl={callbackUrl}
          idleMinutes={env().SESSION_IDLE_MINUTES}
          reason={first(params.reason) ?? null}
          error={first(params.error) ?? null}
          oidc={oidcEnabled() ? { id: OIDC_PROVIDER_ID, name: env().OIDC_DISPLAY_NAME } : null}
        />
      </div>
    </main>
  );
}

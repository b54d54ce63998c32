import { redirect } from "next/navigation";
import { EscalationAlert } from "@/components/escalation/escalation-alert";
import { OnCallStrip } from "@/components/rota/on-call-strip";
import { AppHeader } from "@/components/shell/app-header";
import { IdleGuard } from "@/components/shell/idle-guard";
import { can, navigationFor } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { recordEventAction } from "./referrals/[id]/actions";

// Every page below also checks its own access (layouts are not re-run on every navigation); this one
// only needs someone signed in, to draw the navigation of their role.
export default async function ClinicalLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return (
    <>
      <AppHeader
        user={{ name: user.name, roleLabel: ROLE_LABELS[user.role] }}
        navigation={navigationFor(user.role)}
        onCall={<OnCallStrip canManageRota={can(user.role, "rota:manage")} />}
      />
      <IdleGuard idleMinutes={env().SESSION_IDLE_MINUTES} />
      {can(user.role, "referral:acknowledge") ? <EscalationAlert action={recordEventAction} /> : null}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

import type { Metadata } from "next";
import { IntakeForm } from "@/components/referrals/intake-form";
import { requirePageAccess } from "@/lib/auth/guards";
import { toLondonLocalInput } from "@/lib/domain/time-format";
import { createReferralAction } from "./actions";

export const metadata: Metadata = { title: "New referral" };

export default async function NewReferralPage() {
  await requirePageAccess("/referrals/new");
  const nowLocal = toLondonLocalInput(new Date());
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-4 text-2xl font-bold">New referral</h1>
      <IntakeForm action={createReferralAction} nowLocal={nowLocal} today={nowLocal.slice(0, 10)} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { listWorklistRegistrars, loadWorklist } from "@/db/queries/worklist";
import { WorklistView } from "@/components/worklist/worklist-view";
import { InvalidListLink } from "@/components/table/invalid-link";
import { requirePageAccess } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { searchParamsRecord, worklistQuery, worklistSearchParams } from "@/lib/validation/worklist";

export const metadata: Metadata = { title: "Worklist" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The live worklist. The first page of rows is rendered here (so it shows at once, with no spinner); from then on
 * the browser keeps it current. The address holds the whole view, checked by the same schema as the API.
 */
export default async function WorklistPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = searchParamsRecord(await searchParams);
  const returnTo = `/worklist${Object.keys(raw).length ? `?${new URLSearchParams(raw as Record<string, string>).toString()}` : ""}`;
  const user = await requirePageAccess("/worklist", { returnTo });
  const parsed = worklistQuery.safeParse(raw);
  const heading = (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-bold">Worklist</h1>
      {can(user.role, "referral:create") ? (
        <Link href="/referrals/new" className="no-print rounded bg-nhs-green px-4 py-2 font-semibold text-white hover:bg-green-800">
          New referral
        </Link>
      ) : null}
    </div>
  );
  if (!parsed.success) {
    return (
      <>
        {heading}
        <InvalidListLink what="worklist" issues={parsed.error.issues} resetHref="/worklist" resetLabel="Open the worklist without filters" />
      </>
    );
  }
  const query = parsed.data;
  const [initial, registrars] = await Promise.all([loadWorklist(query, user, new Date()), listWorklistRegistrars()]);
  return (
    <>
      {heading}
      <Suspense>
        <WorklistView initial={initial} initialQueryString={worklistSearchParams(query).toString()} registrars={registrars} />
      </Suspense>
    </>
  );
}

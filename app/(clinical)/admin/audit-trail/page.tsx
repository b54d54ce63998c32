import type { Metadata } from "next";
import { findPatientNhsNumber, listAuditActions, listAuditTrail } from "@/db/queries/audit-trail";
import { listUsers } from "@/db/queries/users";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { describeAuditAction } from "@/components/audit-trail/action-labels";
import { AuditTrailFilters } from "@/components/audit-trail/trail-filters";
import { AuditTrailPager, AuditTrailTable } from "@/components/audit-trail/trail-table";
import { InvalidListLink } from "@/components/table/invalid-link";
import { requirePageAccess } from "@/lib/auth/guards";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { formatCalendarDate } from "@/lib/domain/time-format";
import { auditTrailInstants, auditTrailQuery, auditTrailSearchParams } from "@/lib/validation/audit-trail";
import { searchParamsRecord } from "@/lib/validation/worklist";
import { findTrailPatientAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Who did what and who looked at which patient's referral, newest first: the administrators' view of the audit
 * log, filtered on the server by user, patient, action and London dates, a page at a time, the view in the address.
 */
export default async function AuditTrailPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = searchParamsRecord(await searchParams);
  const returnTo = `/admin/audit-trail${Object.keys(raw).length ? `?${new URLSearchParams(raw as Record<string, string>).toString()}` : ""}`;
  await requirePageAccess("/admin/audit-trail", { returnTo });
  const parsed = auditTrailQuery.safeParse(raw);
  const heading = (
    <>
      <h1 className="mb-4 text-2xl font-bold">Administration</h1>
      <AdminTabs current="/admin/audit-trail" />
      <h2 className="mb-2 text-xl font-semibold">Audit trail</h2>
      <p className="mb-4 max-w-3xl text-gray-800">
        Every change, sign-in and export, and every time someone opened a patient&apos;s referral, newest first. Find a patient by their NHS number; it
        is looked up on the server and never kept in the address.
      </p>
    </>
  );
  if (!parsed.success) {
    return (
      <>
        {heading}
        <InvalidListLink what="audit trail" issues={parsed.error.issues} resetHref="/admin/audit-trail" resetLabel="Open the audit trail without filters" />
      </>
    );
  }
  const query = parsed.data;
  const [users, actions, trail, nhsNumber] = await Promise.all([
    listUsers(),
    listAuditActions(),
    listAuditTrail({ query, ...auditTrailInstants(query) }),
    query.patient ? findPatientNhsNumber({ id: query.patient }) : null,
  ]);
  const pageCount = Math.max(1, Math.ceil(trail.total / query.pageSize));
  const filtered = Boolean(query.user || query.patient || query.action || query.from || query.to);
  return (
    <>
      {heading}
      <AuditTrailFilters
        users={users.map((u) => ({ id: u.id, name: u.active ? u.name : `${u.name} (deactivated)` }))}
        actions={actions.map((a) => ({ value: a, label: describeAuditAction(a) }))}
        current={{
          user: query.user ?? "",
          action: query.action ?? "",
          from: query.from ? formatCalendarDate(query.from) : "",
          to: query.to ? formatCalendarDate(query.to) : "",
          nhsNumber: nhsNumber ? formatNhsNumber(nhsNumber) : "",
          patientId: query.patient ?? "",
        }}
        findPatient={findTrailPatientAction}
      />
      {trail.rows.length === 0 ? (
        <p role="status" className="rounded bg-white p-4 shadow">
          {filtered ? "Nothing in the audit trail matches these filters." : "The audit trail is empty."}
        </p>
      ) : (
        <>
          <AuditTrailTable rows={trail.rows} />
          <AuditTrailPager
            page={query.page}
            pageCount={pageCount}
            total={trail.total}
            pageSize={query.pageSize}
            hrefFor={(page) => `/admin/audit-trail?${auditTrailSearchParams({ ...query, page }).toString()}`}
          />
        </>
      )}
    </>
  );
}

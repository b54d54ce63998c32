import type { Metadata } from "next";
import { loadRota, listRotaCandidates } from "@/db/queries/rota";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AddShiftForm } from "@/components/rota/add-shift-form";
import { RotaGapList } from "@/components/rota/rota-gap-list";
import { RotaShiftRow } from "@/components/rota/rota-shift-row";
import { requirePageAccess } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { ROTA_GAP_WARNING_DAYS, ROTA_LINE_LABELS } from "@/lib/domain/escalation";
import { formatDateTime } from "@/lib/domain/time-format";
import { addRotaShiftAction, removeRotaShiftAction } from "./actions";

export const metadata: Metadata = { title: "On-call rota" };

const ROTA_DAYS = 14;
const DAY = 24 * 3_600_000;

export default async function RotaPage() {
  const me = await requirePageAccess("/admin/rota");
  const now = new Date();
  const [{ shifts, gaps }, candidates] = await Promise.all([loadRota({ now, days: ROTA_DAYS }), listRotaCandidates()]);
  const horizon = new Date(now.getTime() + ROTA_GAP_WARNING_DAYS * DAY);
  // Coordinators keep the rota too, but only administrators have the other administration pages.
  const isAdmin = can(me.role, "users:manage");

  return (
    <>
      {isAdmin ? (
        <>
          <h1 className="mb-4 text-2xl font-bold">Administration</h1>
          <AdminTabs current="/admin/rota" />
        </>
      ) : (
        <h1 className="mb-4 text-2xl font-bold">On-call rota</h1>
      )}
      <p className="mb-6 max-w-3xl text-gray-800">
        Who is first on call (an oncology registrar) and who is second line (a registrar acting as consultant, or a coordinator).
        An escalation goes to whoever is first on call at that moment, and to the second line if it is not acknowledged in time.
        All times are London time.
      </p>

      <section aria-labelledby="gaps-heading" className="mb-8">
        <h2 id="gaps-heading" className="mb-2 text-xl font-semibold">
          Gaps in the next {ROTA_GAP_WARNING_DAYS} days
        </h2>
        <RotaGapList gaps={gaps} now={now} horizon={horizon} />
      </section>

      <section aria-labelledby="rota-heading" className="mb-8">
        <h2 id="rota-heading" className="mb-2 text-xl font-semibold">
          Rota for the next {ROTA_DAYS} days
        </h2>
        {shifts.length === 0 ? (
          <p className="rounded bg-white p-4 shadow">Nobody is on the rota in the next {ROTA_DAYS} days. Add a shift below.</p>
        ) : (
          // relative: the screen-reader-only labels inside are positioned against this box, so they scroll with it.
          <div className="relative overflow-x-auto rounded bg-white shadow">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Shifts on the on-call rota in the next {ROTA_DAYS} days, earliest first</caption>
              <thead className="bg-gray-100">
                <tr>
                  <th scope="col" className="p-3">Line</th>
                  <th scope="col" className="p-3">Who</th>
                  <th scope="col" className="p-3">From</th>
                  <th scope="col" className="p-3">To</th>
                  <th scope="col" className="p-3">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shifts.map((s) => (
                  <RotaShiftRow
                    key={s.id}
                    shift={{
                      id: s.id,
                      lineLabel: ROTA_LINE_LABELS[s.line],
                      userName: s.userName,
                      userActive: s.userActive,
                      from: formatDateTime(s.startsAt),
                      to: formatDateTime(s.endsAt),
                      onCallNow: s.userActive && s.startsAt.getTime() <= now.getTime(),
                    }}
                    remove={removeRotaShiftAction}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add-shift-heading" className="max-w-xl rounded bg-white p-6 shadow">
        <h2 id="add-shift-heading" className="mb-4 text-xl font-semibold">
          Add a shift
        </h2>
        <AddShiftForm action={addRotaShiftAction} candidates={candidates.map((c) => ({ ...c, roleLabel: ROLE_LABELS[c.role as Role] }))} />
      </section>
    </>
  );
}

import { z } from "zod";
import { addCalendarDays, parseLondonLocalDateTime } from "@/lib/domain/time-format";
import { nhsNumberField } from "./referrals";
import { WORKLIST_PAGE_SIZES } from "./worklist";

/**
 * The audit trail's whole view as a query string, read by this one schema on the page, so a link reproduces it.
 * The patient is named by id: an NHS number never goes in an address (it is resolved by a server action).
 * Dates are London calendar days, typed dd/MM/yyyy; both ends are included.
 */

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "02/12/2026" or "2026-12-02" as "2026-12-02", or null if it is not a real date. */
export function parseTrailDate(value: string): string | null {
  const dmy = DMY.exec(value);
  const iso = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : YMD.test(value) ? value : null;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isFinite(d.getTime()) && d.toISOString().startsWith(iso) && iso >= "2000-01-01" && iso <= "2999-12-31" ? iso : null;
}

const trailDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const iso = parseTrailDate(v);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as a date, e.g. 02/12/2026` });
        return z.NEVER;
      }
      return iso;
    })
    .optional();

export const auditTrailQuery = z
  .object({
    user: z.uuid({ error: "Choose a user from the list" }).optional(),
    patient: z.uuid({ error: "Find the patient by NHS number again" }).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, "Choose an action from the list")
      .max(80, "Choose an action from the list")
      .optional(),
    from: trailDate("start date"),
    to: trailDate("end date"),
    page: z.coerce.number({ error: "A page number" }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce
      .number({ error: `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}` })
      .refine((n) => (WORKLIST_PAGE_SIZES as readonly number[]).includes(n), `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}`)
      .default(50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "The start date must be on or before the end date", path: ["to"] });

export type AuditTrailQuery = z.infer<typeof auditTrailQuery>;

/** The date range as instants: from the start of the first London day to the start of the day after the last. */
export function auditTrailInstants(query: Pick<AuditTrailQuery, "from" | "to">): { since: Date | null; before: Date | null } {
  return {
    since: query.from ? parseLondonLocalDateTime(`${query.from}T00:00`) : null,
    before: query.to ? parseLondonLocalDateTime(`${addCalendarDays(query.to, 1)}T00:00`) : null,
  };
}

/** The query as a query string, defaults left out, in a fixed order; dates as yyyy-MM-dd. */
export function auditTrailSearchParams(query: Partial<AuditTrailQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (query.user) p.set("user", query.user);
  if (query.patient) p.set("patient", query.patient);
  if (query.action) p.set("action", query.action);
  if (query.from) p.set("from", query.from);
  if (query.to) p.set("to", query.to);
  if (query.page && query.page !== 1) p.set("page", String(query.page));
  if (query.pageSize && query.pageSize !== 50) p.set("pageSize", String(query.pageSize));
  return p;
}

/** The one input of the patient look-up: an NHS number, checked (Modulus 11) before any query. */
export const findTrailPatientInput = z.object({ nhsNumber: nhsNumberField });

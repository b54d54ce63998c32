import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { WORKLIST_CLOCK_STATES } from "@/lib/domain/worklist";
import { REFERRAL_CATEGORIES, REFERRAL_STATUSES, CLOSED_REFERRAL_STATUSES, type ReferralStatus } from "@/lib/domain/vocabulary";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/**
 * The worklist's whole state as a query string: the page, the JSON API, the CSV export and the browser all read
 * it with this one schema, so a link reproduces the view exactly. Defaults are left out of the URL.
 */

export const WORKLIST_VIEWS = ["coordinator", "registrar", "discharge", "all"] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

export const WORKLIST_VIEW_LABELS: Record<WorklistView, string> = {
  coordinator: "Coordinator: untriaged first",
  registrar: "Registrar: escalated to me first",
  discharge: "Discharge: rehabilitation and discharge step",
  all: "All active, most urgent first",
};

export const WORKLIST_SORTS = ["urgency", "patient", "category", "status", "received", "registrar", "updated"] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export const WORKLIST_PAGE_SIZES = [25, 50, 100, 200] as const;

/** The worklist shows active referrals only, so only active statuses can be filtered on. */
export const ACTIVE_STATUSES = REFERRAL_STATUSES.filter((s) => !(CLOSED_REFERRAL_STATUSES as readonly string[]).includes(s)) as [ReferralStatus, ...ReferralStatus[]];

/** A comma list or repeated names, as a list. */
export const list = <T extends string>(values: readonly [T, ...T[]], label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(",")).filter((s) => s !== "")),
    z.array(z.enum(values, { error: `Choose ${label} from the list` })).max(values.length).optional(),
  );

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as yyyy-MM-dd")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return Number.isFinite(d.getTime()) && d.toISOString().startsWith(s) && s >= "1900-01-01" && s <= "2999-12-31";
  }, "Not a real date")
  .optional();

export const worklistQuery = z
  .object({
    view: z.enum(WORKLIST_VIEWS, { error: "Choose a view from the list" }).optional(),
    sort: z.enum(WORKLIST_SORTS, { error: "Sort by a column of the worklist" }).default("urgency"),
    dir: z.enum(["asc", "desc"], { error: "Sort asc or desc" }).optional(),
    category: list(REFERRAL_CATEGORIES, "categories"),
    status: list(ACTIVE_STATUSES, "active statuses"),
    clock: list(WORKLIST_CLOCK_STATES, "clock states"),
    registrar: z.union([z.uuid({ error: "A registrar's id, me or unassigned" }), z.enum(["me", "unassigned"])]).optional(),
    from: calendarDate,
    to: calendarDate,
    q: z.string().trim().max(100, "Search for at most 100 characters").refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional(),
    page: z.coerce.number({ error: "A page number" }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce
      .number({ error: `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}` })
      .refine((n) => (WORKLIST_PAGE_SIZES as readonly number[]).includes(n), `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}`)
      .default(50),
    ward: z.enum(["1", "0"], { error: "ward=1 for the ward screen, or leave it out" }).transform((v) => v === "1").optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "The start date must be on or before the end date", path: ["to"] });

export type WorklistQuery = z.infer<typeof worklistQuery>;

/** The view a role starts on. */
export function defaultViewFor(role: Role): WorklistView {
  switch (role) {
    case "coordinator":
      return "coordinator";
    case "registrar":
      return "registrar";
    case "discharge":
      return "discharge";
    case "admin":
      return "all";
  }
}

/** Urgency reads best soonest-due first; times newest first; names A to Z. */
export function defaultDirFor(sort: WorklistSort): "asc" | "desc" {
  return sort === "received" || sort === "updated" ? "desc" : "asc";
}

/** The query as a query string, defaults left out, in a fixed order (so equal views give equal links). */
export function worklistSearchParams(query: Partial<WorklistQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (query.view) p.set("view", query.view);
  if (query.sort && query.sort !== "urgency") p.set("sort", query.sort);
  if (query.dir && query.dir !== defaultDirFor(query.sort ?? "urgency")) p.set("dir", query.dir);
  if (query.category?.length) p.set("category", query.category.join(","));
  if (query.status?.length) p.set("status", query.status.join(","));
  if (query.clock?.length) p.set("clock", query.clock.join(","));
  if (query.registrar) p.set("registrar", query.registrar);
  if (query.from) p.set("from", query.from);
  if (query.to) p.set("to", query.to);
  if (query.q) p.set("q", query.q);
  if (query.page && query.page !== 1) p.set("page", String(query.page));
  if (query.pageSize && query.pageSize !== 50) p.set("pageSize", String(query.pageSize));
  if (query.ward) p.set("ward", "1");
  return p;
}

/** A query string's entries as the schema takes them (a name given twice is a list). */
export function searchParamsRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as const)));
  for (const [name, value] of entries) {
    const seen = raw[name];
    raw[name] = seen === undefined ? value : ([] as string[]).concat(seen, value);
  }
  return raw;
}

import { z } from "zod";
import { DESTINATIONS } from "@/lib/domain/rehabilitation";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";
import { list, WORKLIST_PAGE_SIZES } from "./worklist";

/**
 * The discharge board's whole state as a query string, read by this one schema on the page, in the JSON API and in
 * the browser, so a link reproduces the view. Defaults are left out of the URL.
 */

export const BOARD_SORTS = ["priority", "patient", "fit", "discharge", "updated"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export const BOARD_SORT_LABELS: Record<BoardSort, string> = {
  priority: "medically fit and blocked first, longest blocked first, then by expected discharge",
  patient: "patient",
  fit: "medically fit since",
  discharge: "expected discharge",
  updated: "last change",
};

/** A destination, or "none" for a plan without one yet. */
export const BOARD_DESTINATIONS = [...DESTINATIONS, "none"] as const;
export type BoardDestination = (typeof BOARD_DESTINATIONS)[number];

const yesNo = (label: string) => z.enum(["yes", "no"], { error: `${label}: yes or no, or leave it out` }).optional();

export const dischargeBoardQuery = z.object({
  blocked: yesNo("Blocked"),
  fit: yesNo("Medically fit"),
  destination: list(BOARD_DESTINATIONS, "destinations"),
  q: z.string().trim().max(100, "Search for at most 100 characters").refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional(),
  sort: z.enum(BOARD_SORTS, { error: "Sort by a column of the board" }).default("priority"),
  dir: z.enum(["asc", "desc"], { error: "Sort asc or desc" }).optional(),
  page: z.coerce.number({ error: "A page number" }).int().min(1).max(10_000).default(1),
  pageSize: z.coerce
    .number({ error: `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}` })
    .refine((n) => (WORKLIST_PAGE_SIZES as readonly number[]).includes(n), `Rows per page: ${WORKLIST_PAGE_SIZES.join(", ")}`)
    .default(50),
  ward: z.enum(["1", "0"], { error: "ward=1 for the ward screen, or leave it out" }).transform((v) => v === "1").optional(),
});

export type DischargeBoardQuery = z.infer<typeof dischargeBoardQuery>;

/** Names A to Z and dates soonest first; the last change newest first. */
export function boardDefaultDir(sort: BoardSort): "asc" | "desc" {
  return sort === "updated" ? "desc" : "asc";
}

/** The query as a query string, defaults left out, in a fixed order (so equal views give equal links). */
export function dischargeBoardSearchParams(query: Partial<DischargeBoardQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (query.blocked) p.set("blocked", query.blocked);
  if (query.fit) p.set("fit", query.fit);
  if (query.destination?.length) p.set("destination", query.destination.join(","));
  if (query.q) p.set("q", query.q);
  if (query.sort && query.sort !== "priority") p.set("sort", query.sort);
  if (query.dir && query.sort !== "priority" && query.dir !== boardDefaultDir(query.sort ?? "priority")) p.set("dir", query.dir);
  if (query.page && query.page !== 1) p.set("page", String(query.page));
  if (query.pageSize && query.pageSize !== 50) p.set("pageSize", String(query.pageSize));
  if (query.ward) p.set("ward", "1");
  return p;
}

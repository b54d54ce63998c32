import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WORKLIST_CLOCK_STATES } from "@/lib/domain/worklist";
import { REFERRAL_CATEGORIES } from "@/lib/domain/vocabulary";
import {
  ACTIVE_STATUSES,
  defaultDirFor,
  defaultViewFor,
  searchParamsRecord,
  WORKLIST_PAGE_SIZES,
  WORKLIST_SORTS,
  WORKLIST_VIEWS,
  worklistQuery,
  worklistSearchParams,
  type WorklistQuery,
} from "./worklist";

/** A query string as the page, the API and the export read it. */
const parse = (qs: string | URLSearchParams) => worklistQuery.safeParse(searchParamsRecord(typeof qs === "string" ? new URLSearchParams(qs) : qs));
const parsed = (qs: string) => {
  const result = parse(qs);
  if (!result.success) throw new Error(`refused ${qs}: ${JSON.stringify(result.error.issues)}`);
  return result.data;
};
/** Each problem's field and message, as the API returns them. */
const problems = (qs: string) => {
  const result = parse(qs);
  if (result.success) throw new Error(`accepted ${qs}`);
  return result.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("worklistQuery", () => {
  it("nothing given: urgency order, page 1 of 50, no filters", () => {
    expect(parsed("")).toEqual({ sort: "urgency", page: 1, pageSize: 50 });
  });

  it("reads comma lists, repeated names, and both mixed", () => {
    expect(parsed("category=suspected_mscc,not_mscc").category).toEqual(["suspected_mscc", "not_mscc"]);
    expect(parsed("status=new&status=triaged").status).toEqual(["new", "triaged"]);
    expect(parsed("clock=breached,at_risk&clock=none").clock).toEqual(["breached", "at_risk", "none"]);
    expect(parsed("status=new,,triaged,").status).toEqual(["new", "triaged"]);
    expect(parsed("category=").category).toBeUndefined();
  });

  it("reads a Next.js searchParams object the same as the query string", () => {
    const fromRecord = worklistQuery.parse(searchParamsRecord({ status: ["new", "triaged"], page: "2", ward: "1", q: undefined }));
    expect(fromRecord).toEqual(parsed("status=new&status=triaged&page=2&ward=1"));
    expect(fromRecord).toMatchObject({ status: ["new", "triaged"], page: 2, ward: true });
  });

  it("takes every value each field allows", () => {
    expect(parsed("view=registrar&sort=received&dir=asc&registrar=me&from=2026-10-25&to=2026-10-25&q=%20jones%20&page=3&pageSize=200&ward=1")).toEqual({
      view: "registrar",
      sort: "received",
      dir: "asc",
      registrar: "me",
      from: "2026-10-25",
      to: "2026-10-25",
      q: "jones",
      page: 3,
      pageSize: 200,
      ward: true,
    });
    expect(parsed("registrar=unassigned").registrar).toBe("unassigned");
    expect(parsed("registrar=0b8f0f62-2a3c-4a47-8d0e-8a4b8b2f7c55").registrar).toBe("0b8f0f62-2a3c-4a47-8d0e-8a4b8b2f7c55");
    expect(parsed("ward=0").ward).toBe(false);
    for (const size of WORKLIST_PAGE_SIZES) expect(parsed(`pageSize=${size}`).pageSize).toBe(size);
    expect(parsed("from=2028-02-29").from).toBe("2028-02-29");
  });

  it.each<[string, string, string]>([
    ["view=everything", "view", "Choose a view from the list"],
    ["sort=age", "sort", "Sort by a column of the worklist"],
    ["dir=up", "dir", "Sort asc or desc"],
    ["category=suspected_mscc,bogus", "category.1", "Choose categories from the list"],
    ["status=closed", "status.0", "Choose active statuses from the list"],
    ["status=discharged", "status.0", "Choose active statuses from the list"],
    ["clock=late", "clock.0", "Choose clock states from the list"],
    ["registrar=bob", "registrar", "A registrar's id, me or unassigned"],
    ["from=2026-02-30", "from", "Not a real date"],
    ["from=2027-02-29", "from", "Not a real date"],
    ["to=25/10/2026", "to", "A date as yyyy-MM-dd"],
    ["from=1899-12-31", "from", "Not a real date"],
    [`q=${"x".repeat(101)}`, "q", "Search for at most 100 characters"],
    ["page=0", "page", "A page number"],
    ["page=1.5", "page", "A page number"],
    ["page=10001", "page", "A page number"],
    ["page=two", "page", "A page number"],
    ["pageSize=30", "pageSize", "Rows per page: 25, 50, 100, 200"],
    ["pageSize=lots", "pageSize", "Rows per page: 25, 50, 100, 200"],
    ["ward=yes", "ward", "ward=1 for the ward screen, or leave it out"],
  ])("refuses %s with a reason on %s", (qs, field, message) => {
    expect(problems(qs)).toContainEqual([field, message]);
  });

  it("refuses a start date after the end date, on the end date", () => {
    expect(problems("from=2026-10-26&to=2026-10-25")).toEqual([["to", "The start date must be on or before the end date"]]);
    expect(parsed("from=2026-10-25&to=2026-10-25")).toMatchObject({ from: "2026-10-25", to: "2026-10-25" });
    expect(parsed("from=2026-10-26").to).toBeUndefined();
  });

  it("reports every bad field at once", () => {
    const fields = problems("sort=age&pageSize=30&status=closed").map(([field]) => field);
    expect(fields).toEqual(expect.arrayContaining(["sort", "pageSize", "status.0"]));
  });
});

describe("defaultViewFor and defaultDirFor", () => {
  it("each role starts on its own view", () => {
    expect(defaultViewFor("coordinator")).toBe("coordinator");
    expect(defaultViewFor("registrar")).toBe("registrar");
    expect(defaultViewFor("discharge")).toBe("discharge");
    expect(defaultViewFor("admin")).toBe("all");
  });
  it("times newest first, everything else ascending", () => {
    expect(WORKLIST_SORTS.filter((s) => defaultDirFor(s) === "desc")).toEqual(["received", "updated"]);
  });
});

describe("worklistSearchParams", () => {
  it("leaves defaults out", () => {
    expect(worklistSearchParams(parsed("")).toString()).toBe("");
    expect(worklistSearchParams(parsed("sort=urgency&dir=asc&page=1&pageSize=50&ward=0")).toString()).toBe("");
    expect(worklistSearchParams(parsed("sort=received&dir=desc")).toString()).toBe("sort=received");
    expect(worklistSearchParams(parsed("sort=received&dir=asc")).toString()).toBe("sort=received&dir=asc");
  });

  it("writes the fields in one fixed order, lists as comma lists", () => {
    expect(worklistSearchParams(parsed("ward=1&pageSize=25&page=2&q=jones&to=2026-10-26&from=2026-10-25&registrar=me&clock=none&status=new&status=triaged&category=not_mscc&dir=desc&sort=patient&view=all")).toString()).toBe(
      "view=all&sort=patient&dir=desc&category=not_mscc&status=new%2Ctriaged&clock=none&registrar=me&from=2026-10-25&to=2026-10-26&q=jones&page=2&pageSize=25&ward=1",
    );
  });

  const subset = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1 }), { nil: undefined });
  const isoDate = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const queryArbitrary: fc.Arbitrary<WorklistQuery> = fc
    .record({
      view: fc.option(fc.constantFrom(...WORKLIST_VIEWS), { nil: undefined }),
      sort: fc.constantFrom(...WORKLIST_SORTS),
      dir: fc.option(fc.constantFrom("asc" as const, "desc" as const), { nil: undefined }),
      category: subset(REFERRAL_CATEGORIES),
      status: subset(ACTIVE_STATUSES),
      clock: subset(WORKLIST_CLOCK_STATES),
      registrar: fc.option(fc.oneof(fc.uuid(), fc.constantFrom("me", "unassigned")), { nil: undefined }),
      dates: fc.tuple(fc.option(isoDate, { nil: undefined }), fc.option(isoDate, { nil: undefined })),
      q: fc.option(
        fc.string({ minLength: 1, maxLength: 100, unit: "grapheme" }).filter((s) => s.trim() === s && s !== "" && s.length <= 100),
        { nil: undefined },
      ),
      page: fc.integer({ min: 1, max: 10_000 }),
      pageSize: fc.constantFrom(...WORKLIST_PAGE_SIZES),
      ward: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ dates: [a, b], ...rest }) => {
      const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
      return { ...rest, from, to };
    });

  /** The same view: a default direction or ward=0 said outright is the same as left out. */
  const normal = (q: WorklistQuery) => {
    const { dir, ward, ...rest } = q;
    const out: Record<string, unknown> = { ...rest };
    if (dir !== undefined && dir !== defaultDirFor(q.sort)) out.dir = dir;
    if (ward) out.ward = true;
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  };

  it("round trip: parsing the query string of any query gives the same view back", () => {
    fc.assert(
      fc.property(queryArbitrary, (q) => {
        const params = worklistSearchParams(q);
        const back = parse(new URLSearchParams(params.toString()));
        expect(back.success, JSON.stringify(back.error?.issues)).toBe(true);
        expect(normal(back.data as WorklistQuery)).toEqual(normal(q));
        // And equal views give equal links.
        expect(worklistSearchParams(back.data as WorklistQuery).toString()).toBe(params.toString());
      }),
      { numRuns: 500 },
    );
  });
});

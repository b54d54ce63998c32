import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postReferral } from "@/app/api/v1/referrals/route";
import { getDatabase, getDb } from "@/db/client";
import { touchApiToken } from "@/db/mutations/api-tokens";
import { referrals } from "@/db/schema";
import { isAllowed, permissionsOf, ROUTE_ACCESS, type Access, type HttpMethod } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { listAppFiles } from "../unit/app-routes";
import { call, caller, callResponse, referralBody, type Handler } from "./api-client";
import {
  applyRecipe,
  bodyRecipe,
  expectErrorBody,
  expectOnlyAuditGrew,
  expectStoredAsGiven,
  expectUnchanged,
  fieldPaths,
  freeTextGiven,
  hostileQuery,
  hostileText,
  snapshotDatabase,
  type BodyRecipe,
} from "./hostile";

/**
 * Every route handler under /api (next-auth's own excepted), found by walking app/ so a route added later is
 * covered without touching this file, called with hostile bodies, raw non-JSON bodies, query strings and dynamic
 * segments by a user whose role may call it. Never a 500; a refusal is `{ error: { code, message } }` and
 * leaves every table as it was; a read adds at most audit rows; free text that is accepted is stored as given.
 */

const METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
// Route segment config Next.js reads from a route file: not handlers.
const SEGMENT_CONFIG = ["dynamic", "revalidate", "runtime", "fetchCache", "maxDuration", "preferredRegion", "dynamicParams"];
const NOT_FUZZED = ["/api/auth/[...nextauth]"];
const STREAMS = ["/api/v1/worklist/stream"];

// Names the list, worklist, board and audit queries read, besides unknown ones.
const QUERY_NAMES = ["status", "category", "nhsNumber", "active", "page", "pageSize", "view", "sort", "dir", "clock", "registrar", "from", "to", "q", "blocked", "fit", "destination", "ward", "format", "year", "period", "since", "until"];

interface RouteUnderTest {
  file: string;
  url: string;
  method: HttpMethod;
  handler: Handler;
  role: Role;
}

/** The role with the most permissions among those the route admits (public routes: any). */
function roleFor(access: Access): Role {
  const allowed = ROLES.filter((role) => isAllowed(access, role)).sort((a, b) => permissionsOf(b).length - permissionsOf(a).length);
  if (!allowed[0]) throw new Error("no role may call this route");
  return allowed[0];
}

async function loadRoutes(): Promise<RouteUnderTest[]> {
  const found: RouteUnderTest[] = [];
  for (const f of listAppFiles().filter((a) => a.kind === "route" && a.url.startsWith("/api/") && !NOT_FUZZED.includes(a.url))) {
    const mod = (await import(path.resolve(import.meta.dirname, "../..", f.file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (SEGMENT_CONFIG.includes(name)) continue;
      if (!(METHODS as readonly string[]).includes(name) || typeof value !== "function") throw new Error(`${f.file} exports ${name}, which this test cannot call: add it here`);
      const access = (ROUTE_ACCESS as Record<string, Partial<Record<HttpMethod, Access>>>)[f.url]?.[name as HttpMethod];
      if (!access) throw new Error(`${f.file} exports ${name} but ROUTE_ACCESS has no entry for it`);
      found.push({ file: f.file, url: f.url, method: name as HttpMethod, handler: value as Handler, role: roleFor(access) });
    }
  }
  return found;
}

const routes = await loadRoutes();

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "_";
  }
}

describe(`hostile input at every route handler on ${getDatabase().engine}`, () => {
  const tokens = {} as Record<Role, string>;
  let referralId = "";

  beforeAll(async () => {
    for (const role of ROLES) {
      const made = await caller(role);
      tokens[role] = made.token;
      // "Last used" is written at most once a minute: set in the future, no request in this file writes it.
      await touchApiToken({ tokenId: made.tokenId, now: new Date(Date.now() + 24 * 3_600_000) });
    }
    const created = await call(postReferral as Handler, { token: tokens.coordinator, body: referralBody() });
    expect(created.status).toBe(201);
    referralId = created.body.referral.id;
  });

  async function referralVersion(): Promise<number> {
    const [row] = await getDb().select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
    return row?.version ?? 1;
  }

  /** A valid body for the routes that take one, so a hostile field gets past the others to the code behind. */
  async function validBody(route: RouteUnderTest): Promise<Record<string, unknown>> {
    switch (`${route.method} ${route.url}`) {
      case "POST /api/v1/referrals":
        return referralBody({ referrerOrganisation: "Royal Infirmary", currentTreatment: "Letrozole", primaryCancer: "Breast" });
      case "POST /api/v1/referrals/[id]/events":
        return { type: "note", occurredAt: new Date().toISOString(), expectedVersion: await referralVersion(), data: { text: "Seen on the ward" } };
      default:
        return {};
    }
  }

  it("finds the route handlers", () => {
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(["GET /api/health", "GET /api/v1/referrals", "POST /api/v1/referrals", "POST /api/v1/referrals/[id]/events"]));
  });

  it.each(routes.map((r) => [`${r.method} ${r.url}`, r] as const))("%s: never a 500, refusals explained and harmless", async (_name, route) => {
    const segments = [...route.url.matchAll(/\[(\w+)\]/g)].map((m) => m[1] as string);
    const segmentValue = fc.oneof(hostileText, fc.uuid(), fc.constant("__REFERRAL__"));
    const params = fc.record(Object.fromEntries(segments.map((s) => [s, segmentValue])) as Record<string, fc.Arbitrary<string>>);
    const isGet = route.method === "GET";
    // The recipe needs the valid body's field names before any run: its shape does not change between runs.
    const paths = isGet ? [] : fieldPaths(await validBody(route));
    const recipe: fc.Arbitrary<BodyRecipe | null> = isGet ? fc.constant(null) : bodyRecipe(paths, { raw: true });
    const accept = fc.constantFrom(undefined, "text/event-stream", "text/html", "*/*;q=banana");

    await fc.assert(
      fc.asyncProperty(recipe, hostileQuery(QUERY_NAMES), params, accept, async (given, query, rawParams, acceptHeader) => {
        const values = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, v === "__REFERRAL__" ? referralId : v]));
        const search = new URLSearchParams(query);
        const url = `http://localhost${route.url.replace(/\[(\w+)\]/g, (_m, name: string) => safeEncode(values[name] ?? ""))}?${search}`;
        const what = `${route.method} ${route.url} params=${JSON.stringify(values).slice(0, 200)} query=${search.toString().slice(0, 200)}`;
        const body = given ? applyRecipe(await validBody(route), given) : undefined;
        const headers: Record<string, string> = {};
        if (acceptHeader) headers.accept = acceptHeader;

        const before = await snapshotDatabase();
        const response = await callResponse(route.handler, {
          token: tokens[route.role],
          path: url,
          method: route.method,
          params: values,
          headers,
          ...(given?.kind === "raw" ? { rawBody: given.text } : { body }),
        });
        expect(response.status, what).toBeLessThan(500);
        if (STREAMS.includes(route.url) && response.ok) {
          await response.body?.cancel();
        } else if (response.status >= 400) {
          expectErrorBody(await response.json(), what);
        } else {
          await response.text();
        }
        const after = await snapshotDatabase();

        if (response.status >= 400) expectUnchanged(before, after, what);
        else if (isGet) expectOnlyAuditGrew(before, after, what);
        else if (given) await expectStoredAsGiven(freeTextGiven(given), what);
      }),
      { numRuns: isGet ? 20 : 40, endOnFailure: true },
    );
  });
});

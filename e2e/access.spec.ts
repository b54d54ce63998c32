import { expect, test, type APIRequestContext } from "@playwright/test";
import { isAllowed, PAGE_ACCESS, ROUTE_ACCESS, type Access } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { expectAccessible } from "./support/a11y";
import { storageStateFor } from "./support/users";

/**
 * Every page and route handler in the permission matrix (which a unit test keeps equal to app/), requested as
 * every role and as a signed-out visitor: the server answers exactly as the matrix says.
 */
const CONCRETE: Record<string, string> = { "/api/auth/[...nextauth]": "/api/auth/session" };
const who: (Role | null)[] = [null, ...ROLES];

function expectedPage(path: string, access: Access, role: Role | null): { status: number; location?: RegExp } {
  if (path === "/signin") return role ? { status: 307, location: /\/$/ } : { status: 200 };
  // A public page of one record ("/status/[token]") is asked for a made-up token: not found, for anyone.
  if (!role) return access.kind === "public" ? { status: path.includes("[") ? 404 : 200 } : { status: 307, location: /\/signin/ };
  if (path === "/") return { status: 307, location: /\/worklist$/ };
  // A page of one record ("/referrals/[id]") is asked for a made-up id: past the access check it is not found.
  if (isAllowed(access, role)) return { status: path.includes("[") ? 404 : 200 };
  return { status: 403 };
}

const MADE_UP_ID = "00000000-0000-4000-8000-000000000000";

async function requestAs(role: Role | null, playwright: typeof import("@playwright/test").request, baseURL: string): Promise<APIRequestContext> {
  return playwright.newContext({ baseURL, storageState: role ? storageStateFor(role) : undefined });
}

for (const role of who) {
  test(`the access matrix holds for ${role ?? "a signed-out visitor"}`, async ({ playwright, baseURL }) => {
    const request = await requestAs(role, playwright.request, baseURL as string);
    for (const [path, access] of Object.entries(PAGE_ACCESS)) {
      const response = await request.get(path.replace("[id]", MADE_UP_ID), { maxRedirects: 0 });
      const expected = expectedPage(path, access, role);
      expect(response.status(), `GET ${path} as ${role ?? "signed out"}`).toBe(expected.status);
      if (expected.location) expect(response.headers().location, `redirect of ${path}`).toMatch(expected.location);
    }
    for (const [path, methods] of Object.entries(ROUTE_ACCESS)) {
      for (const [method, access] of Object.entries(methods as Record<string, Access>)) {
        if (access.kind === "public" && method !== "GET") continue; // next-auth's own POSTs
        const url = (CONCRETE[path] ?? path).replace("[id]", MADE_UP_ID);
        const response = await request.fetch(url, { method, maxRedirects: 0, ...(method === "GET" ? {} : { data: {} }) });
        const allowed = isAllowed(access, role);
        // Allowed: a GET answers (200, or 404 for the made-up id), a write with an empty body is refused as invalid (400).
        // The event stream answers 406 to a request that does not accept text/event-stream (this one).
        const allowedGet = path === "/api/v1/worklist/stream" ? [406] : [200, 404];
        const expected = !allowed ? (role ? [403] : [401]) : method === "GET" ? allowedGet : [400, 404];
        expect(expected, `${method} ${path} as ${role ?? "signed out"}: ${response.status()}`).toContain(response.status());
      }
    }
    await request.dispose();
  });
}

test("health answers with the engine in use", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "embedded" });
});

test.describe("every page passes the accessibility check", () => {
  // The administrator can reach every page; the sign-in page is checked signed out in auth.spec.ts.
  test.use({ storageState: storageStateFor("admin") });
  for (const path of Object.keys(PAGE_ACCESS).filter((p) => p !== "/signin")) {
    test(`axe: ${path}`, async ({ page }) => {
      await page.goto(path.replace("[id]", MADE_UP_ID));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  }
});

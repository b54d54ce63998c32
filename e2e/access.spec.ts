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
  if (!role) return access.kind === "public" ? { status: 200 } : { status: 307, location: /\/signin/ };
  if (path === "/") return { status: 307, location: /\/worklist$/ };
  return isAllowed(access, role) ? { status: 200 } : { status: 403 };
}

async function requestAs(role: Role | null, playwright: typeof import("@playwright/test").request, baseURL: string): Promise<APIRequestContext> {
  return playwright.newContext({ baseURL, storageState: role ? storageStateFor(role) : undefined });
}

for (const role of who) {
  test(`the access matrix holds for ${role ?? "a signed-out visitor"}`, async ({ playwright, baseURL }) => {
    const request = await requestAs(role, playwright.request, baseURL as string);
    for (const [path, access] of Object.entries(PAGE_ACCESS)) {
      const response = await request.get(path, { maxRedirects: 0 });
      const expected = expectedPage(path, access, role);
      expect(response.status(), `GET ${path} as ${role ?? "signed out"}`).toBe(expected.status);
      if (expected.location) expect(response.headers().location, `redirect of ${path}`).toMatch(expected.location);
    }
    for (const [path, access] of Object.entries(ROUTE_ACCESS)) {
      const response = await request.get(CONCRETE[path] ?? path, { maxRedirects: 0 });
      const allowed = isAllowed(access, role);
      expect(response.status(), `GET ${path} as ${role ?? "signed out"}`).toBe(allowed ? 200 : role ? 403 : 401);
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
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  }
});

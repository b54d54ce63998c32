import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { isAllowed, PAGE_ACCESS, ROUTE_ACCESS, type Access } from "@/lib/auth/permissions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { expectAccessible } from "./support/a11y";
import { E2E_SECRET } from "./support/secret";
import { SignInPage } from "./support/sign-in-page";
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

/** Every page and route as `role` (null: signed out), answered exactly as the matrix says. */
async function expectMatrix(request: APIRequestContext, role: Role | null, as: string): Promise<void> {
  for (const [path, access] of Object.entries(PAGE_ACCESS)) {
    const response = await request.get(path.replace("[id]", MADE_UP_ID), { maxRedirects: 0 });
    const expected = expectedPage(path, access, role);
    expect(response.status(), `GET ${path} as ${as}`).toBe(expected.status);
    if (expected.location) expect(response.headers().location, `redirect of ${path} as ${as}`).toMatch(expected.location);
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
      expect(expected, `${method} ${path} as ${as}: ${response.status()}`).toContain(response.status());
    }
  }
}

for (const role of who) {
  test(`the access matrix holds for ${role ?? "a signed-out visitor"}`, async ({ playwright, baseURL }) => {
    const request = await requestAs(role, playwright.request, baseURL as string);
    await expectMatrix(request, role, role ?? "signed out");
    await request.dispose();
  });
}

const SESSION_COOKIE = "next-auth.session-token";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A request context carrying only this session cookie. */
async function withSessionCookie(playwright: typeof import("@playwright/test").request, baseURL: string, value: string): Promise<APIRequestContext> {
  const { hostname } = new URL(baseURL);
  return playwright.newContext({
    baseURL,
    storageState: { cookies: [{ name: SESSION_COOKIE, value, domain: hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] },
  });
}

function adminSessionCookie(): string {
  const state = JSON.parse(fs.readFileSync(storageStateFor("admin"), "utf8")) as { cookies: { name: string; value: string }[] };
  const cookie = state.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("the admin's saved session has no session cookie");
  return cookie.value;
}

/** The administrator's session cookie still lets them in: so a refusal below is the change made to it, nothing else. */
async function expectAdminPageOpens(request: APIRequestContext, label: string): Promise<void> {
  expect((await request.get("/admin/users", { maxRedirects: 0 })).status(), label).toBe(200);
}

test.describe("a session that is no longer good is treated exactly as signed out", () => {
  test("an administrator's session token past its expiry", async ({ playwright, baseURL }) => {
    const admin = await requestAs("admin", playwright.request, baseURL as string);
    const session = (await (await admin.get("/api/auth/session")).json()) as { user: { id: string; name: string; email: string } };
    await admin.dispose();
    // The same claims, signed with the server's secret: valid for ten minutes, or expired an hour ago (beyond
    // next-auth's 15 s of clock skew).
    const forge = (maxAge: number) => encode({ token: { sub: session.user.id, name: session.user.name, email: session.user.email, role: "admin" }, secret: E2E_SECRET, maxAge });
    const fresh = await withSessionCookie(playwright.request, baseURL as string, await forge(600));
    await expectAdminPageOpens(fresh, "a fresh token signed with the server's secret");
    await fresh.dispose();
    const expired = await withSessionCookie(playwright.request, baseURL as string, await forge(-3600));
    await expectMatrix(expired, null, "an expired session");
    await expired.dispose();
  });

  test("an administrator's session cookie with one character changed", async ({ playwright, baseURL }) => {
    const original = adminSessionCookie();
    const untouched = await withSessionCookie(playwright.request, baseURL as string, original);
    await expectAdminPageOpens(untouched, "the untouched cookie");
    await untouched.dispose();
    // An encrypted token: header..iv.ciphertext.tag. One character of the ciphertext changed fails its tag.
    const parts = original.split(".");
    expect(parts).toHaveLength(5);
    const ciphertext = parts[3] as string;
    const at = Math.floor(ciphertext.length / 2);
    parts[3] = `${ciphertext.slice(0, at)}${ciphertext[at] === "A" ? "B" : "A"}${ciphertext.slice(at + 1)}`;
    const tampered = await withSessionCookie(playwright.request, baseURL as string, parts.join("."));
    await expectMatrix(tampered, null, "a tampered session");
    await tampered.dispose();
  });

  test("a deactivated administrator's own session cookie", async ({ browser, playwright, baseURL }) => {
    test.setTimeout(120_000);
    // Not "Deactivated …": the row would then contain the word before the deactivation had happened.
    const name = `Doomed Admin ${unique()}`;
    const email = `doomed-${unique()}@mscc.test`;
    const password = "a long enough password";
    const adminContext = await browser.newContext({ storageState: storageStateFor("admin") });
    const page = await adminContext.newPage();
    await page.goto("/admin/users");
    const form = page.getByRole("region", { name: "Add a user" });
    await form.getByLabel("Full name").fill(name);
    await form.getByLabel("Email address").fill(email);
    await form.getByLabel("Role").selectOption({ label: ROLE_LABELS.admin });
    await form.getByLabel("Temporary password").fill(password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("User created");

    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirPage = await theirs.newPage();
    const signIn = new SignInPage(theirPage);
    await signIn.goto();
    await signIn.signIn(email, password);
    await expect(theirPage.getByTestId("user-name")).toHaveText(name);
    const cookie = (await theirs.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    expect(cookie, "their session cookie").toBeTruthy();
    await theirs.close();
    const before = await withSessionCookie(playwright.request, baseURL as string, cookie as string);
    await expectAdminPageOpens(before, "their cookie before deactivation");
    await before.dispose();

    await page.reload();
    await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: `Deactivate ${name}` }).click();
    await page.getByRole("dialog", { name: `Deactivate ${name}?` }).getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("row").filter({ hasText: email })).toContainText("✕ Deactivated");
    await adminContext.close();

    const after = await withSessionCookie(playwright.request, baseURL as string, cookie as string);
    await expectMatrix(after, null, "a deactivated user");
    await after.dispose();
  });

  test("a revoked API token is refused by every route that needs sign-in, with the reason", async ({ browser, playwright, baseURL }) => {
    const adminContext = await browser.newContext({ storageState: storageStateFor("admin") });
    const page = await adminContext.newPage();
    await page.goto("/account/tokens");
    // Not "Revoked …": the row's text would then contain "Revoked" before the revocation had happened.
    const name = `Doomed ${unique()}`;
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    const token = await form.getByLabel("Your new token").inputValue();
    expect(token).toMatch(/^mscc_/);

    // No cookies at all: the token alone.
    const api = await playwright.request.newContext({ baseURL: baseURL as string, storageState: { cookies: [], origins: [] } });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await api.get("/api/v1/worklist", { headers: bearer })).status(), "the token before it is revoked").toBe(200);

    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
    await page.getByRole("dialog", { name: `Revoke the token “${name}”?` }).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText(/✕ Revoked \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await adminContext.close();

    let checked = 0;
    for (const [path, methods] of Object.entries(ROUTE_ACCESS)) {
      for (const [method, access] of Object.entries(methods as Record<string, Access>)) {
        if (access.kind === "public") continue;
        const url = path.replace("[id]", MADE_UP_ID);
        const response = await api.fetch(url, { method, headers: bearer, maxRedirects: 0, ...(method === "GET" ? {} : { data: {} }) });
        expect(response.status(), `${method} ${path} with a revoked token`).toBe(401);
        expect(await response.json(), `${method} ${path} says why`).toMatchObject({ error: { code: "unauthenticated", message: expect.stringMatching(/revoked/) } });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    await api.dispose();
  });
});

test("health answers with the engine in use", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "embedded" });
});

test.describe("every page passes the accessibility check", () => {
  // The administrator can reach every page; the sign-in page is checked signed out in auth.spec.ts, and "/" only
  // redirects to the worklist, checked here under its own name.
  test.use({ storageState: storageStateFor("admin") });
  for (const path of Object.keys(PAGE_ACCESS).filter((p) => p !== "/signin" && p !== "/")) {
    test(`axe: ${path}`, async ({ page }) => {
      await page.goto(path.replace("[id]", MADE_UP_ID));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  }
});

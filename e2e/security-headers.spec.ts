import { expect, test, type APIRequestContext, type APIResponse, type Browser, type Page } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { SignInPage } from "./support/sign-in-page";
import { DEMO, storageStateFor } from "./support/users";

/** The headers next.config.ts puts on every response. */
const EVERY_RESPONSE: Record<string, string> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
const DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"];

function expectEveryResponseHeaders(response: APIResponse): void {
  const headers = response.headers();
  for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(headers[name], `${name} on ${response.url()}`).toBe(value);
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of DENIED_FEATURES) expect(permissions, `Permissions-Policy on ${response.url()}`).toContain(`${feature}=()`);
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** The page policy of proxy.ts; returns its nonce. */
function expectPagePolicy(response: APIResponse): string {
  const policy = directives(response.headers()["content-security-policy"] ?? "");
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `a script nonce on ${response.url()}`).toBeTruthy();
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  // The browser suite runs a production build: React's development eval must not be allowed.
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  return nonce as string;
}

/** Every <script> in the HTML carries this response's nonce: nothing inline or external runs without it. */
async function expectScriptsCarry(response: APIResponse, nonce: string): Promise<void> {
  const html = await response.text();
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  expect(tags.length, `scripts on ${response.url()}`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `a script on ${response.url()}`).toContain(` nonce="${nonce}"`);
}

async function expectNoncedPage(request: APIRequestContext, path: string, status = 200): Promise<void> {
  const [first, second] = [await request.get(path, { maxRedirects: 0 }), await request.get(path, { maxRedirects: 0 })];
  for (const response of [first, second]) {
    expect(response.status(), path).toBe(status);
    expect(response.headers()["content-type"]).toContain("text/html");
    expectEveryResponseHeaders(response);
  }
  const [a, b] = [expectPagePolicy(first), expectPagePolicy(second)];
  expect(a).not.toBe(b);
  await expectScriptsCarry(first, a);
  await expectScriptsCarry(second, b);
}

test.describe("signed in", () => {
  test.use({ storageState: storageStateFor("coordinator") });

  test("a page has the security headers and a fresh nonce on every script", async ({ page }) => {
    await expectNoncedPage(page.request, "/worklist");
    // Not-found is rendered per request too (app/layout.tsx), so its scripts carry the nonce.
    await expectNoncedPage(page.request, "/no-such-page", 404);
  });

  test("an API route has the security headers", async ({ page }) => {
    const response = await page.request.get("/api/v1/worklist");
    expect(response.status()).toBe(200);
    expectEveryResponseHeaders(response);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has the security headers and a fresh nonce on every script", async ({ request }) => {
    await expectNoncedPage(request, "/signin");
  });

  test("a referrer's status page, even for an unknown link, has them too", async ({ request }) => {
    await expectNoncedPage(request, "/status/made-up-status-token", 404);
  });

  test("the health check and the API documentation have the security headers; the documentation runs no script at all", async ({ request }) => {
    expectEveryResponseHeaders(await request.get("/api/health"));
    const docs = await request.get("/api/docs");
    expect(docs.status()).toBe(200);
    expectEveryResponseHeaders(docs);
    const policy = directives(docs.headers()["content-security-policy"] ?? "");
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(await docs.text()).not.toMatch(/<script\b/i);
  });

  test("the session cookie is HttpOnly and SameSite=Lax, and so is every cookie next-auth sets", async ({ page, context }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO.registrar.email, DEMO.registrar.password);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO.registrar.name);
    const cookies = await context.cookies();
    // Over plain http on localhost: no __Secure- prefix and no Secure flag (lib/auth/cookies.test.ts covers https).
    expect(cookies.map((c) => c.name)).toContain("next-auth.session-token");
    for (const cookie of cookies.filter((c) => c.name.startsWith("next-auth."))) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe("Lax");
      expect(cookie.path, cookie.name).toBe("/");
    }
    // No script on the page can read them.
    expect(await page.evaluate(() => document.cookie)).not.toContain("next-auth");
  });
});

/** Collects every CSP violation a page reports (as an event and as Chromium's console error), and any header it rejects. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|securitypolicyviolation|Permissions-Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`securitypolicyviolation ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

async function browse(browser: Browser, role: Role, paths: (page: Page) => Promise<string[]>, violations: string[]): Promise<void> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  const page = await context.newPage();
  const seen = await watchViolations(page);
  for (const path of await paths(page)) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    // The app's own scripts ran (Next's client sets window.next when it boots): the policy let them in.
    if (!path.startsWith("/api/")) await page.waitForFunction(() => "next" in window);
  }
  // Give late scripts (the live stream, the escalation poll) a moment to run under the policy too.
  await page.waitForTimeout(1_000);
  violations.push(...seen);
  await context.close();
}

test("browsing the main pages reports no Content-Security-Policy violation and no rejected header", async ({ browser }) => {
  test.slow(); // seven pages in two browsers
  const violations: string[] = [];
  await browse(
    browser,
    "coordinator",
    async (page) => {
      const list = await page.request.get("/api/v1/referrals");
      const id = ((await list.json()) as { items: { id: string }[] }).items[0]?.id;
      expect(id, "a demo referral").toBeTruthy();
      return ["/worklist", `/referrals/${id}`, "/discharge", "/audit", "/api/docs"];
    },
    violations,
  );
  await browse(browser, "admin", async () => ["/admin/settings", "/admin/users"], violations);
  expect(violations).toEqual([]);
});

import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { expectAccessible } from "./support/a11y";
import { E2E_SECRET } from "./support/secret";
import { SignInPage } from "./support/sign-in-page";
import { DEMO, storageStateFor } from "./support/users";

const NAV: Record<(typeof ROLES)[number], string[]> = {
  coordinator: ["Worklist", "Discharge", "Audit", "Rota"],
  registrar: ["Worklist"],
  discharge: ["Worklist", "Discharge"],
  admin: ["Worklist", "Discharge", "Audit", "Rota", "Admin"],
};

test.describe("signing in", () => {
  for (const role of ROLES) {
    test(`the demo ${role} signs in and sees the navigation of their role`, async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await expectAccessible(page);
      await signIn.signIn(DEMO[role].email, DEMO[role].password);

      await expect(page.getByTestId("user-name")).toHaveText(DEMO[role].name);
      await expect(page.getByTestId("user-role")).toHaveText(ROLE_LABELS[role]);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(NAV[role]);
      await expect(page).toHaveURL(/\/(worklist)$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Worklist");
      await expectAccessible(page);
    });
  }

  test("a wrong password is refused with a clear message and the page stays usable", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO.registrar.email, "not the password");
    await expect(signIn.alert()).toHaveText(/email address or password is not right/);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByLabel("Email address")).toHaveValue(DEMO.registrar.email);
    await expectAccessible(page);
  });

  test("after signing in, the visitor returns to the page they asked for", async ({ page }) => {
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faudit/);
    await new SignInPage(page).signIn(DEMO.coordinator.email, DEMO.coordinator.password);
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit");
  });
});

test.describe("signing out", () => {
  test.use({ storageState: storageStateFor("discharge") });

  test("sign-out ends the session and protected pages send you to sign in", async ({ page }) => {
    await page.goto("/discharge");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Discharge board");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You have signed out.");
    await page.goto("/discharge");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdischarge/);
  });
});

test.describe("a page forbidden to a role", () => {
  test.use({ storageState: storageStateFor("registrar") });

  test("the registrar gets 403 and a plain explanation on the admin page", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Worklist"]);
    await expectAccessible(page);
  });
});

test.describe("idle expiry", () => {
  test("after 30 minutes without activity the browser signs out and says why", async ({ page }) => {
    await page.clock.install();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO.coordinator.email, DEMO.coordinator.password);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO.coordinator.name);
    // The idle guard starts counting when it hydrates (it records the renewal time); jumping the clock before
    // that would start its count after the jump.
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem("mscc:session-renewed-at"))).not.toBeNull();

    await page.clock.runFor("28:30");
    await expect(page.getByRole("alertdialog")).toContainText("You will be signed out soon");
    await expectAccessible(page);
    await page.clock.runFor("02:00");
    await expect(page).toHaveURL(/\/signin\?reason=idle/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You were signed out after 30 minutes without activity. Sign in again to continue.");
  });

  test("the server refuses a session token past its idle expiry, and accepts a fresh one", async ({ browser }) => {
    const signedIn = await browser.newContext({ storageState: storageStateFor("registrar") });
    const session = (await (await signedIn.request.get("/api/auth/session")).json()) as { user: { id: string; name: string } };
    await signedIn.close();
    const forge = (maxAge: number) => encode({ token: { sub: session.user.id, name: session.user.name }, secret: E2E_SECRET, maxAge });

    for (const [label, maxAge, expected] of [
      ["fresh", 600, /\/worklist$/],
      // next-auth allows 15 s of clock skew when it reads a token: expired by a minute is expired.
      ["expired", -60, /\/signin/],
    ] as const) {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      await context.addCookies([{ name: "next-auth.session-token", value: await forge(maxAge), url: test.info().project.use.baseURL as string }]);
      const page = await context.newPage();
      await page.goto("/worklist");
      await expect(page, label).toHaveURL(expected);
      await context.close();
    }
  });
});

import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { storageStateFor } from "./support/users";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("personal API tokens", () => {
  test.use({ storageState: storageStateFor("coordinator") });

  test("a coordinator creates a token, sees it once, uses it without cookies, and revoking it stops it at once", async ({ page, playwright, baseURL }) => {
    await page.goto("/worklist");
    await page.getByRole("banner").getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    await expectAccessible(page);

    const name = `Ward dashboard ${unique()}`;
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByText("Enter a name for the token")).toBeVisible();
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByRole("status")).toHaveText(`Token “${name}” created. Copy it now: it is not shown again.`);
    const token = await form.getByLabel("Your new token").inputValue();
    expect(token).toMatch(/^mscc_[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page);

    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`${token.slice(0, 11)}…`);
    await expect(row).toContainText("Never");
    await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // Shown once: after a reload only its first characters are left.
    await page.reload();
    await expect(page.getByLabel("Your new token")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    // Another program, with no cookies at all: the token alone lets it in, as the coordinator.
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const withToken = await api.get("/api/v1/referrals", { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status()).toBe(200);
    expect(await withToken.json()).toMatchObject({ items: expect.any(Array), page: 1, pageSize: 50 });
    expect((await api.get("/api/v1/referrals")).status()).toBe(401);
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: name })).not.toContainText("Never");

    // Revoking asks first, then the same request is refused.
    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke the token “${name}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText(/✕ Revoked \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const refused = await api.get("/api/v1/referrals", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthenticated" } });
    await api.dispose();
  });
});

test.describe("the API documentation", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("is public, has a heading per path of the OpenAPI document, and passes the accessibility check", async ({ page, request }) => {
    const document = await request.get("/api/v1/openapi.json");
    expect(document.status()).toBe(200);
    const { openapi, paths } = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi).toBe("3.1.0");

    const response = await page.goto("/api/docs");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("MSCC Escalation Dashboard API");
    expect(Object.keys(paths).length).toBeGreaterThanOrEqual(5);
    for (const path of Object.keys(paths)) await expect(page.getByRole("heading", { level: 2, name: path, exact: true })).toBeVisible();
    await expectAccessible(page);
  });
});

import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { SignInPage } from "./support/sign-in-page";
import { storageStateFor } from "./support/users";

test.use({ storageState: storageStateFor("admin") });

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function addUser(page: Page, user: { name: string; email: string; role: string; password: string }) {
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Full name").fill(user.name);
  await form.getByLabel("Email address").fill(user.email);
  await form.getByLabel("Role").selectOption({ label: user.role });
  await form.getByLabel("Temporary password").fill(user.password);
  await form.getByRole("button", { name: "Add user" }).click();
}

test("bad input is refused beside each field and nothing typed is lost", async ({ page }) => {
  await page.goto("/admin/users");
  await expectAccessible(page);
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Full name").fill("Nadia Rahman");
  await form.getByLabel("Email address").fill("not-an-email");
  await form.getByLabel("Temporary password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();

  await expect(form.getByRole("alert")).toHaveText(/Some answers need correcting/);
  await expect(form.getByText("Enter an email address like name@nhs.net")).toBeVisible();
  await expect(form.getByText("Choose a role")).toHaveCount(2); // the placeholder option and the message
  await expect(form.getByText("The password must be at least 12 characters")).toBeVisible();
  await expect(form.getByLabel("Full name")).toHaveValue("Nadia Rahman");
  await expect(form.getByLabel("Email address")).toHaveValue("not-an-email");
  await expect(form.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("an admin adds a user, changes their role, and deactivation signs them out at once", async ({ page, browser }) => {
  const email = `locum-${unique()}@mscc.test`;
  const password = "a long enough password";
  await page.goto("/admin/users");
  await addUser(page, { name: "Dr Locum Test", email, role: "On-call registrar", password });
  await expect(page.getByRole("main").getByRole("status")).toContainText("User created");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Dr Locum Test");

  // The new user signs in, in another browser.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  const signIn = new SignInPage(theirPage);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(theirPage.getByTestId("user-role")).toHaveText("On-call registrar");

  // A role change applies on their next request, without signing in again.
  await row.getByLabel("Role of Dr Locum Test").selectOption({ label: "Discharge team" });
  await row.getByRole("button", { name: "Save role for Dr Locum Test" }).click();
  await expect(row.getByRole("status")).toHaveText("Role changed. It applies from their next click.");
  await theirPage.reload();
  await expect(theirPage.getByTestId("user-role")).toHaveText("Discharge team");

  // Deactivation asks first, then takes effect on their very next request.
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Deactivate Dr Locum Test" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Dr Locum Test?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("✕ Deactivated");
  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/signin/);
  await theirs.close();
});

test("after 5 wrong passwords the account is locked for 15 minutes, even for the right password", async ({ page, browser }) => {
  const email = `lockout-${unique()}@mscc.test`;
  const password = "the right password";
  await page.goto("/admin/users");
  await addUser(page, { name: "Lockout Test", email, role: "MSCC coordinator", password });
  await expect(page.getByRole("main").getByRole("status")).toContainText("User created");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await context.newPage();
  const signIn = new SignInPage(theirPage);
  await signIn.goto();
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn.signIn(email, `wrong password ${attempt}`);
    await expect(signIn.alert()).toHaveText(/email address or password is not right/);
  }
  await signIn.signIn(email, "wrong password 5");
  await expect(signIn.alert()).toHaveText(/Too many failed attempts: sign-in to this account is paused. Try again at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await signIn.signIn(email, password);
  await expect(signIn.alert()).toHaveText(/Too many failed attempts/);
  await expect(theirPage).toHaveURL(/\/signin/);
  await expectAccessible(theirPage);
  await context.close();
});

import { expect, test as setup } from "@playwright/test";
import { ROLES } from "@/lib/auth/roles";
import { SignInPage } from "./support/sign-in-page";
import { DEMO, storageStateFor } from "./support/users";

for (const role of ROLES) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO[role].email, DEMO[role].password);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO[role].name);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}

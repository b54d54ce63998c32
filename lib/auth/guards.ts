import "server-only";
import { forbidden, redirect } from "next/navigation";
import { isAllowed, PAGE_ACCESS, type PagePath } from "./permissions";
import { getCurrentUser, type CurrentUser } from "./session";

/**
 * Every page calls this with its own path (a test checks that it does). Signed out: to the sign-in page,
 * coming back here afterwards. Signed in without the permission: 403.
 */
export async function requirePageAccess(path: PagePath, options: { returnTo?: string } = {}): Promise<CurrentUser> {
  const access = PAGE_ACCESS[path];
  const user = await getCurrentUser();
  // A dynamic page passes its real address ("/referrals/<id>") to come back to after signing in.
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(options.returnTo ?? path)}`);
  if (!isAllowed(access, user.role)) forbidden();
  return user;
}

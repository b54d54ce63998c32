import { redirect } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/guards";
import { navigationFor } from "@/lib/auth/permissions";

// The front door: each role lands on the first page its navigation offers.
export default async function HomePage() {
  const user = await requirePageAccess("/");
  redirect(navigationFor(user.role)[0]?.href ?? "/signin");
}

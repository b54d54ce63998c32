import Link from "next/link";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

interface Props {
  user: { name: string; roleLabel: string };
  navigation: { href: string; label: string }[];
  /** Who is on call now (components/rota/on-call-strip.tsx). */
  onCall?: React.ReactNode;
}

export function AppHeader({ user, navigation, onCall }: Props) {
  return (
    <header className="no-print bg-nhs-blue text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold">
          MSCC Escalation Dashboard
        </Link>
        <div className="flex items-center gap-4">
          <p className="text-sm leading-tight">
            <span className="block font-semibold" data-testid="user-name">
              {user.name}
            </span>
            <span className="block" data-testid="user-role">
              {user.roleLabel}
            </span>
          </p>
          <Link href="/account/tokens" className="text-sm font-semibold underline hover:no-underline">
            API tokens
          </Link>
          <SignOutButton />
        </div>
      </div>
      {onCall}
      <nav aria-label="Main" className="bg-nhs-dark-blue">
        <NavLinks items={navigation} />
      </nav>
    </header>
  );
}

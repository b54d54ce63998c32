import Link from "next/link";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/settings", label: "Pathway settings" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/rota", label: "Rota" },
  { href: "/admin/audit-trail", label: "Audit trail" },
] as const;

/** The administrator's pages, under the one Admin item of the main navigation. */
export function AdminTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Administration" className="mb-6 border-b border-gray-300">
      {/* Wraps onto a second line on a phone rather than widening the page. */}
      <ul className="flex flex-wrap gap-x-2">
        {TABS.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={`block px-3 py-2 font-semibold ${t.href === current ? "border-b-4 border-nhs-blue text-gray-950" : "text-nhs-blue underline"}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

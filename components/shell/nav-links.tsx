"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`block px-3 py-2 font-semibold text-white hover:underline ${current ? "border-b-4 border-white" : "border-b-4 border-transparent"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

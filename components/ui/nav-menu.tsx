"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** The header's links on a narrow screen: one "Menu" button opening them as a list, closed again on navigating. */
export function NavMenu({ links }: { links: readonly (readonly [string, string])[] }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details ref={menu} className="relative lg:hidden" data-testid="nav-menu">
      <summary className="cursor-pointer list-none rounded border border-line-strong px-3 py-1 text-sm">
        Menu
      </summary>
      <nav
        aria-label="Main"
        className="absolute right-0 z-20 mt-2 flex w-48 flex-col rounded-lg border border-line bg-surface p-2 text-sm shadow-lg"
      >
        {links.map(([href, label]) => (
          <Link key={href} href={href} className="rounded px-2 py-2 hover:bg-subtle">
            {label}
          </Link>
        ))}
      </nav>
    </details>
  );
}

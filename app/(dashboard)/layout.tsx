import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { AuthGate } from "@/components/auth/auth-gate";
import { Providers } from "@/components/providers";
import { DemoBanner } from "@/components/ui/demo-banner";
import { NavMenu } from "@/components/ui/nav-menu";
import { clientConfig } from "@/lib/config/client-config";

/** The pages the header links to, in its order. */
const NAV = [
  ["/calls", "Find calls"],
  ["/quality", "Quality"],
  ["/alerts", "Alerts"],
  ["/phone-logs", "Phone logs"],
  ["/reports", "Reports"],
  ["/sites", "Sites"],
] as const;

export default function DashboardLayout({ children }: { children: ReactNode }) {
  const config = clientConfig();
  return (
    <Providers config={config}>
      <header className="border-b border-line bg-surface">
        {config.demo && <DemoBanner />}
        <div className="mx-auto flex max-w-7xl items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="mr-auto whitespace-nowrap text-lg font-semibold tracking-tight">
            call<span className="text-accent-fg">scope</span>
          </Link>
          {/* Wide screens: the links in a row; narrower ones: a "Menu" button (never a letter to a line). */}
          <nav aria-label="Main" className="hidden items-center gap-x-4 text-sm whitespace-nowrap lg:flex">
            {NAV.map(([href, label]) => (
              <Link key={href} href={href} className="underline-offset-2 hover:underline">
                {label}
              </Link>
            ))}
          </nav>
          <NavMenu links={NAV} />
          <AccountMenu />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <AuthGate>{children}</AuthGate>
      </main>
    </Providers>
  );
}

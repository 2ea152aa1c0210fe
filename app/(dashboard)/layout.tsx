import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { AuthGate } from "@/components/auth/auth-gate";
import { Providers } from "@/components/providers";
import { DemoBanner } from "@/components/ui/demo-banner";
import { clientConfig } from "@/lib/config/client-config";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  const config = clientConfig();
  return (
    <Providers config={config}>
      <header className="border-b border-line bg-surface">
        {config.demo && <DemoBanner />}
        {/* On a phone the links wrap as whole words under the name, never a letter to a line. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="whitespace-nowrap text-lg font-semibold tracking-tight">
            call<span className="text-accent-fg">scope</span>
          </Link>
          <nav
            aria-label="Main"
            className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm whitespace-nowrap"
          >
            <Link href="/calls" className="underline-offset-2 hover:underline">
              Find calls
            </Link>
            <Link href="/quality" className="underline-offset-2 hover:underline">
              Quality
            </Link>
            <Link href="/alerts" className="underline-offset-2 hover:underline">
              Alerts
            </Link>
            <Link href="/phone-logs" className="underline-offset-2 hover:underline">
              Phone logs
            </Link>
            <Link href="/reports" className="underline-offset-2 hover:underline">
              Reports
            </Link>
            <Link href="/sites" className="underline-offset-2 hover:underline">
              Sites
            </Link>
            <AccountMenu />
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <AuthGate>{children}</AuthGate>
      </main>
    </Providers>
  );
}

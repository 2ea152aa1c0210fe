import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { DemoBanner } from "@/components/ui/demo-banner";
import { clientConfig } from "@/lib/config/client-config";
import "./globals.css";

// Configuration is read per request at runtime, so one build serves any deployment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "callscope", template: "%s · callscope" },
  description: "Diagnose the quality of one Microsoft Teams call.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = clientConfig();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          {config.demo && <DemoBanner />}
          <div className="mx-auto flex max-w-7xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              call<span className="text-blue-600 dark:text-blue-400">scope</span>
            </Link>
            <span className="text-sm text-slate-600 dark:text-slate-400">{config.demo ? "Demo visitor" : null}</span>
          </div>
        </header>
        <Providers config={config}>
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Configuration is read per request at runtime, so one build serves any deployment.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "callscope", template: "%s · callscope" },
  description: "Diagnose the quality of one Microsoft Teams call.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}

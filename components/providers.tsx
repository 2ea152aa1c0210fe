"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { FORMATTER_WARMUPS } from "@/lib/format/dates";
import type { ClientConfig } from "@/lib/config/public";
import dynamic from "next/dynamic";
import { SignInContext, type SignInState } from "@/lib/client/sign-in";

// MSAL is a quarter of a megabyte of script, evaluated in one task while the page hydrates: only fetched and run
// where sign-in is on, never in the demo.
const MsalAuth = dynamic(() => import("./auth/msal-auth").then((module) => module.MsalAuth));

const DEMO_SIGN_IN: SignInState = {
  status: "ready",
  me: {
    kind: "demo",
    name: "Demo visitor",
    username: null,
    tenantId: "demo",
    roles: [],
    seesPersonalData: true,
  },
  error: null,
  signIn: null,
  signOut: null,
};

export function Providers({ config, children }: { config: ClientConfig; children: ReactNode }) {
  useEffect(() => {
    // Locale data loads in idle moments after start, not inside the first render of a call (dates.ts).
    if (typeof requestIdleCallback !== "function") return;
    let idle = 0;
    const warm = (next: number) => {
      const step = FORMATTER_WARMUPS[next];
      if (step)
        idle = requestIdleCallback(
          () => {
            step();
            warm(next + 1);
          },
          { timeout: 2_000 },
        );
    };
    warm(0);
    return () => cancelIdleCallback(idle);
  }, []);
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      {config.demo ? (
        <SignInContext.Provider value={DEMO_SIGN_IN}>{children}</SignInContext.Provider>
      ) : (
        <MsalAuth config={config}>{children}</MsalAuth>
      )}
    </QueryClientProvider>
  );
}

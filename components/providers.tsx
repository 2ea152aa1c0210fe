"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
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

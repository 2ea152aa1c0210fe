"use client";
import {
  InteractionRequiredAuthError,
  InteractionStatus,
  PublicClientApplication,
  type AccountInfo,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { MsalProvider, useIsAuthenticated, useMsal } from "@azure/msal-react";
import { useEffect, useMemo, type ReactNode } from "react";
import { ApiProblem, setTokenSource } from "@/lib/client/api";
import type { ClientConfig } from "@/lib/config/public";
import { SignInContext, useMe, type SignInState } from "@/lib/client/sign-in";

// One PublicClientApplication per page load; constructing it during server rendering is harmless.
let instance: PublicClientApplication | undefined;
function msalFor(config: ClientConfig): PublicClientApplication {
  instance ??= new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: "/auth/redirect",
      postLogoutRedirectUri: "/",
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  return instance;
}

let interactive: Promise<void> | null = null;
/** Parallel interactive calls fail with interaction_in_progress: share one redirect. */
function signInAgain(
  msal: IPublicClientApplication,
  scopes: string[],
  account: AccountInfo | null,
): Promise<void> {
  interactive ??= msal
    .acquireTokenRedirect({ scopes, account: account ?? undefined })
    .finally(() => (interactive = null));
  return interactive;
}

function SignedIn({ config, children }: { config: ClientConfig; children: ReactNode }) {
  const { instance: msal, accounts, inProgress } = useMsal();
  const authenticated = useIsAuthenticated();
  const scopes = useMemo(() => [config.apiScope], [config.apiScope]);

  useEffect(() => {
    if (!msal.getActiveAccount() && accounts[0]) msal.setActiveAccount(accounts[0]);
  }, [msal, accounts]);

  useEffect(() => {
    setTokenSource({
      async token({ forceRefresh }) {
        const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
        if (!account) return null;
        try {
          return (await msal.acquireTokenSilent({ scopes, account, forceRefresh })).accessToken;
        } catch (error) {
          if (error instanceof InteractionRequiredAuthError) await signInAgain(msal, scopes, account);
          throw error;
        }
      },
      reauthenticate: () => signInAgain(msal, scopes, msal.getActiveAccount()),
    });
  }, [msal, scopes]);

  const ready = authenticated && inProgress === InteractionStatus.None;
  const me = useMe(ready);
  const session = useMemo<SignInState>(() => {
    const status: SignInState["status"] = !authenticated
      ? inProgress === InteractionStatus.None
        ? "signed-out"
        : "signing-in"
      : me.isPending
        ? "checking"
        : me.error instanceof ApiProblem && me.error.code === "missing_role"
          ? "no-role"
          : me.isError
            ? "error"
            : "ready";
    return {
      status,
      me: me.data ?? null,
      error: me.error,
      signIn: () => void msal.loginRedirect({ scopes, prompt: "select_account" }),
      signOut: () => void msal.logoutRedirect({ postLogoutRedirectUri: "/" }),
    };
  }, [authenticated, inProgress, me.isPending, me.isError, me.error, me.data, msal, scopes]);
  return <SignInContext.Provider value={session}>{children}</SignInContext.Provider>;
}

/** Entra ID sign-in through MSAL; what a signed-out or role-less user sees is decided by AuthGate. */
export function MsalAuth({ config, children }: { config: ClientConfig; children: ReactNode }) {
  return (
    <MsalProvider instance={msalFor(config)}>
      <SignedIn config={config}>{children}</SignedIn>
    </MsalProvider>
  );
}

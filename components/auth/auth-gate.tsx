"use client";
import type { ReactNode } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ApiProblem } from "@/lib/client/api";
import { useSignIn } from "@/lib/client/sign-in";
import { NoRoleNotice, SignInScreen } from "./sign-in-screen";

/** Shows the page only to a signed-in user with a callscope role (or to anyone in demo mode). */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSignIn();
  switch (session.status) {
    case "ready":
      return children;
    case "signed-out":
      return <SignInScreen onSignIn={() => session.signIn?.()} />;
    case "signing-in":
      return (
        <p role="status" className="text-muted">
          Signing you in…
        </p>
      );
    case "checking":
      return (
        <p role="status" className="text-muted">
          Checking your access…
        </p>
      );
    case "no-role":
      return (
        <NoRoleNotice
          message={
            session.error instanceof Error
              ? session.error.message
              : "Ask your administrator for a callscope role."
          }
          onSignOut={session.signOut}
        />
      );
    case "error":
      return (
        <ErrorPanel
          title="Your access could not be checked"
          message={session.error instanceof Error ? session.error.message : "Reload the page to try again."}
          requestId={session.error instanceof ApiProblem ? session.error.requestId : undefined}
        />
      );
  }
}

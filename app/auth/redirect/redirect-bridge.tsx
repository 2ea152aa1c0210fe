"use client";
import Link from "next/link";
import { useEffect, useState } from "react";

export function RedirectBridge() {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import("@azure/msal-browser/redirect-bridge")
      .then(({ broadcastResponseToMainFrame }) => broadcastResponseToMainFrame())
      .catch(() => setFailed(true));
  }, []);
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      {failed ? (
        <p role="alert">
          Sign-in could not be completed.{" "}
          <Link className="underline" href="/">
            Return to callscope
          </Link>{" "}
          and sign in again.
        </p>
      ) : (
        <p role="status">Completing sign-in…</p>
      )}
    </main>
  );
}

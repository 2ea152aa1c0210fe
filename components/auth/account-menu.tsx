"use client";
import { useSignIn } from "@/lib/client/sign-in";

export function AccountMenu() {
  const { me, signOut } = useSignIn();
  if (!me) return null;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="account">
      <span>
        <span className="font-medium">{me.name}</span>
        {me.kind === "user" && <span className="ml-2 hidden text-muted sm:inline">tenant {me.tenantId}</span>}
        {!me.seesPersonalData && (
          <span className="ml-2 rounded bg-subtle px-1.5 text-xs">personal data masked</span>
        )}
      </span>
      {signOut && me.kind === "user" && (
        <button type="button" onClick={signOut} className="rounded border px-2 py-1">
          Sign out
        </button>
      )}
    </div>
  );
}

import { Button } from "@/components/ui/button";
export function SignInScreen({ onSignIn }: { onSignIn: () => void }) {
  return (
    <section
      aria-labelledby="sign-in-heading"
      className="mx-auto max-w-lg space-y-4 rounded-lg border border-line bg-surface p-6"
    >
      <h1 id="sign-in-heading" className="text-xl font-semibold">
        Sign in to callscope
      </h1>
      <p className="text-sm text-muted">
        Call records show who called whom, from which network and device. Sign in with your work account; your
        administrator decides what you can see.
      </p>
      <Button variant="primary" onClick={onSignIn}>
        Sign in with Microsoft
      </Button>
    </section>
  );
}

export function NoRoleNotice({ message, onSignOut }: { message: string; onSignOut: (() => void) | null }) {
  return (
    <section
      role="alert"
      aria-labelledby="no-role-heading"
      className="mx-auto max-w-lg space-y-3 rounded-lg border border-warn-line bg-warn-soft p-6 text-warn-fg"
    >
      <h1 id="no-role-heading" className="text-xl font-semibold">
        You need a callscope role
      </h1>
      <p className="text-sm">{message}</p>
      {onSignOut && (
        <button type="button" onClick={onSignOut} className="text-sm font-medium underline">
          Sign in with another account
        </button>
      )}
    </section>
  );
}

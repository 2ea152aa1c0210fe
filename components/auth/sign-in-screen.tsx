export function SignInScreen({ onSignIn }: { onSignIn: () => void }) {
  return (
    <section
      aria-labelledby="sign-in-heading"
      className="mx-auto max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <h1 id="sign-in-heading" className="text-xl font-semibold">
        Sign in to callscope
      </h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Call records show who called whom, from which network and device. Sign in with your work account; your
        administrator decides what you can see.
      </p>
      <button
        type="button"
        onClick={onSignIn}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        Sign in with Microsoft
      </button>
    </section>
  );
}

export function NoRoleNotice({ message, onSignOut }: { message: string; onSignOut: (() => void) | null }) {
  return (
    <section
      role="alert"
      aria-labelledby="no-role-heading"
      className="mx-auto max-w-lg space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-6 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
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

import Link from "next/link";

/** "There is no page at this address", with where calls and reports live and a way back. */
export function NotFoundPanel() {
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-line-strong p-6">
      <h1 className="text-lg font-semibold">There is no page at this address</h1>
      <p className="mt-2 text-sm">
        The link may be mistyped or from an older version of callscope. A call lives at{" "}
        <code>/calls/&lt;call ID&gt;</code> and a saved report at <code>/reports/&lt;report ID&gt;</code>.
      </p>
      <p className="mt-4 flex gap-4 text-sm font-medium">
        <Link href="/" className="underline">
          Look up a call
        </Link>
        <Link href="/reports" className="underline">
          Saved reports
        </Link>
      </p>
    </div>
  );
}

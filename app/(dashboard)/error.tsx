"use client";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";

/** Whatever a page throws lands here, inside the dashboard's frame, instead of Next's bare error page. */
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorPanel
      title="This page hit an unexpected error"
      message="Nothing you entered was lost: try again, or go back to the home page. If it keeps happening, send the reference below to your administrator."
      requestId={error.digest}
      action={
        <div className="flex gap-4 text-sm font-medium">
          <button type="button" className="underline" onClick={reset}>
            Try again
          </button>
          <Link href="/" className="underline">
            Go to the home page
          </Link>
        </div>
      }
    />
  );
}

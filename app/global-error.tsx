"use client";

/** The last resort when the root layout itself fails: it must render its own document. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          maxWidth: "40rem",
          margin: "4rem auto",
          padding: "0 1rem",
        }}
      >
        <h1>callscope hit an unexpected error</h1>
        <p>
          Try again in a moment. If it keeps happening, send this reference to your administrator:{" "}
          {error.digest ?? "none"}.
        </p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}

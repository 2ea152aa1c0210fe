import type { ReactNode } from "react";

export function ErrorPanel({
  title,
  message,
  requestId,
  action,
}: {
  title: string;
  message: string;
  requestId?: string;
  action?: ReactNode;
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{message}</p>
      {requestId && <p className="mt-2 font-mono text-xs opacity-80">Request ID: {requestId}</p>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}

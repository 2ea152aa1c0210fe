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
    <div role="alert" className="rounded-lg border border-danger-line bg-danger-soft p-4 text-danger-fg">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{message}</p>
      {requestId && <p className="mt-2 font-mono text-xs opacity-80">Request ID: {requestId}</p>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}

import { endpointLabel } from "@/lib/callrecords/describe";
import type { Endpoint } from "@/lib/callrecords/model";

export function EndpointCard({ title, endpoint }: { title: string; endpoint: Endpoint | null }) {
  const facts: [string, string | number | null | undefined][] = endpoint
    ? [
        ["Who", endpointLabel(endpoint)],
        ["Sign-in name", endpoint.identity?.userPrincipalName],
        ["Kind", endpoint.kind === "service" ? `Microsoft service (${endpoint.userAgent?.role ?? "unknown role"})` : endpoint.identity?.kind ?? endpoint.kind],
        ["Device name", endpoint.name],
        ["CPU", endpoint.cpuName ? `${endpoint.cpuName}${endpoint.cpuCoresCount ? `, ${endpoint.cpuCoresCount} cores` : ""}` : null],
        ["Platform", endpoint.userAgent?.platform],
        ["Product", endpoint.userAgent?.productFamily],
        ["User agent", endpoint.userAgent?.headerValue],
      ]
    : [];
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
      <h3 className="font-medium">{title}</h3>
      {endpoint ? (
        <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-x-2 text-sm">
          {facts.filter(([, v]) => v !== null && v !== undefined && v !== "").map(([label, value]) => (
            <div key={label} className="contents"><dt className="text-slate-600 dark:text-slate-400">{label}</dt><dd className="break-words">{value}</dd></div>
          ))}
        </dl>
      ) : <p className="text-sm text-slate-600 dark:text-slate-400">Not reported.</p>}
    </div>
  );
}

// What the benchmark phases share: an app-only Graph token for direct baselines, and percentiles.
import { DEMO_APP, GRAPH_RESOURCE } from "../emulator/entra/registry";

type Post = (
  url: string,
  headers: Record<string, string>,
  method: string,
  body: string,
) => Promise<{ status: number; text: string }>;

export async function appToken(post: Post, emulatorUrl: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: DEMO_APP.clientId,
    client_secret: DEMO_APP.secret,
    scope: `${GRAPH_RESOURCE}/.default`,
  }).toString();
  const response = await post(
    `${emulatorUrl}/${DEMO_APP.tenantId}/oauth2/v2.0/token`,
    { "Content-Type": "application/x-www-form-urlencoded" },
    "POST",
    form,
  );
  return (JSON.parse(response.text) as { access_token: string }).access_token;
}

/** The nearest-rank percentile (p in 0–100) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

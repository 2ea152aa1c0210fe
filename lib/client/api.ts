/** An API error as the server reports it, kept whole so the UI can say what to do next. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

/** Gives the signed-in user's token for callscope's API; null in demo mode. */
export interface TokenSource {
  token(options: { forceRefresh: boolean }): Promise<string | null>;
  /** Sends the user to sign in again (one redirect, however many requests ask). */
  reauthenticate(): Promise<void>;
}

let tokenSource: TokenSource = { token: async () => null, reauthenticate: async () => undefined };

/** Set once by the auth provider; every API call then carries the signed-in user's token. */
export function setTokenSource(source: TokenSource): void {
  tokenSource = source;
}

async function send(path: string, signal: AbortSignal | undefined, forceRefresh: boolean): Promise<Response> {
  const token = await tokenSource.token({ forceRefresh });
  try {
    return await fetch(path, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem(0, "network_error", "callscope's server could not be reached. Check your connection and try again.", undefined, undefined);
  }
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response = await send(path, signal, false);
  // A rejected token gets one silent refresh; if that is refused too, the user signs in again.
  if (response.status === 401) {
    response = await send(path, signal, true);
    if (response.status === 401) void tokenSource.reauthenticate();
  }
  if (response.ok) return (await response.json()) as T;
  let body: { error?: { code?: string; message?: string; requestId?: string; retryAfterSeconds?: number } } = {};
  try {
    body = await response.json();
  } catch {
    // A proxy or gateway error page: fall back to the status.
  }
  throw new ApiProblem(
    response.status,
    body.error?.code ?? "http_error",
    body.error?.message ?? `The server answered ${response.status}. Try again in a minute.`,
    body.error?.requestId ?? response.headers.get("x-request-id") ?? undefined,
    body.error?.retryAfterSeconds ?? (Number(response.headers.get("retry-after")) || undefined),
  );
}

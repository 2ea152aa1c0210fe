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

type TokenProvider = () => Promise<string | null>;
let tokenProvider: TokenProvider = async () => null;

/** Set once by the auth provider; every API call then carries the signed-in user's token. */
export function setTokenProvider(provider: TokenProvider): void {
  tokenProvider = provider;
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const token = await tokenProvider();
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem(0, "network_error", "callscope's server could not be reached. Check your connection and try again.", undefined, undefined);
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

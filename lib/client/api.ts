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

/** Problems that asking again cannot fix: what Graph sent cannot be read, or the server's own limits refuse it. */
const PERMANENT_CODES = new Set(["graph_malformed", "graph_link_refused", "too_many_sessions"]);

/** Whether asking again could help: the page offers no "Try again" where it could not. */
export const isRetryable = (error: unknown): boolean =>
  !(error instanceof ApiProblem && PERMANENT_CODES.has(error.code));

/** A failure that may pass by itself: the network, or a gateway between callscope and Graph. */
export const isTransient = (error: unknown): boolean =>
  error instanceof ApiProblem &&
  isRetryable(error) &&
  (error.status === 0 || error.status === 502 || error.status === 504);

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

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** A text body sent as it is, with this content type (JSON bodies are serialised otherwise). */
  text?: { body: string; type: string };
  signal?: AbortSignal;
  /** The Accept header, where the caller takes more than JSON. */
  accept?: string;
}

async function send(
  path: string,
  { method = "GET", body, text, signal, accept }: RequestOptions,
  forceRefresh: boolean,
): Promise<Response> {
  const token = await tokenSource.token({ forceRefresh });
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (text) headers["Content-Type"] = text.type;
  if (accept) headers.Accept = accept;
  try {
    return await fetch(path, {
      method,
      signal,
      headers,
      body: text ? text.body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem(
      0,
      "network_error",
      "callscope's server could not be reached. Check your connection and try again.",
      undefined,
      undefined,
    );
  }
}

async function request(path: string, options: RequestOptions): Promise<Response> {
  let response = await send(path, options, false);
  // A rejected token gets one silent refresh; if that is refused too, the user signs in again.
  if (response.status === 401) {
    response = await send(path, options, true);
    if (response.status === 401) void tokenSource.reauthenticate();
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await (await request(path, { signal })).json()) as T;
}

// Large JSON bodies (a call's pages and people, a saved report) are asked for gzip-compressed and inflated here: a
// body the browser inflates itself (Content-Encoding) reaches the page's thread at full size, and reading a
// 5,000-session call's pages so was about a third of that thread's work while the call loaded (lib/api/large-json.ts).
const GZIP = "application/gzip";
const INFLATES = typeof DecompressionStream === "function";
const GZIP_OR_JSON = `${GZIP}, application/json;q=0.5`;

/** A large JSON response's bytes (UTF-8), for a caller that passes them on as they came (use-call-record.ts). */
export async function apiGetBytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await request(path, { signal, accept: INFLATES ? GZIP_OR_JSON : undefined });
  return jsonBytesOf(response, signal);
}

/** A large JSON response, parsed: the same request as apiGetBytes. */
export async function apiGetLarge<T>(path: string, signal?: AbortSignal): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await apiGetBytes(path, signal))) as T;
}

/** The JSON bytes of a response sent as JSON or as gzip-compressed JSON; a body that does not inflate is a
 * failure to retry, as a dropped connection is. */
export async function jsonBytesOf(response: Response, signal?: AbortSignal): Promise<ArrayBuffer> {
  const type = response.headers.get("content-type")?.split(";")[0]?.trim();
  if (type !== GZIP || !response.body) return response.arrayBuffer();
  try {
    return await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem(
      0,
      "damaged_response",
      "A response from callscope's server arrived incomplete or damaged. Try again.",
      response.headers.get("x-request-id") ?? undefined,
      undefined,
    );
  }
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  return (await (await request(path, { method: "POST", body })).json()) as T;
}

export async function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return (await (await request(path, { method: "PATCH", body })).json()) as T;
}

/** PUTs a text body (a file's contents) with its content type; answers the JSON response. */
export async function apiPutText<T>(path: string, body: string, type: string): Promise<T> {
  return (await (await request(path, { method: "PUT", text: { body, type } })).json()) as T;
}

export async function apiDelete(path: string): Promise<void> {
  await request(path, { method: "DELETE" });
}

/** Fetches a file with the user's token and hands it to the browser as a download. */
export async function apiDownload(path: string, filename: string): Promise<void> {
  saveBlob(await (await request(path, {})).blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: { error?: { code?: string; message?: string; requestId?: string; retryAfterSeconds?: number } } =
    {};
  try {
    body = await response.json();
  } catch {
    // A proxy or gateway error page: fall back to the status.
  }
  return new ApiProblem(
    response.status,
    body.error?.code ?? "http_error",
    body.error?.message ?? `The server answered ${response.status}. Try again in a minute.`,
    body.error?.requestId ?? response.headers.get("x-request-id") ?? undefined,
    body.error?.retryAfterSeconds ?? (Number(response.headers.get("retry-after")) || undefined),
  );
}

/** Why a request's identity was not accepted; lib/api turns it into a response with the same status and code. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code: "invalid_token" | "missing_role" | "identity_unavailable",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

import { crossBundleBrand } from "@/lib/errors/cross-bundle";
const AUTH_ERROR_BRAND = crossBundleBrand("AuthError");

/** Why a request's identity was not accepted; lib/api turns it into a response with the same status and code. */
export class AuthError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return AUTH_ERROR_BRAND.is(value);
  }
  readonly [AUTH_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code: "invalid_token" | "missing_role" | "identity_unavailable" | "investigators_only",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

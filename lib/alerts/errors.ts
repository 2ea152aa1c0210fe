import { crossBundleBrand } from "@/lib/errors/cross-bundle";

const ALERT_ERROR_BRAND = crossBundleBrand("AlertError");

/** Why an alerts request failed; lib/api answers with the same status and code. */
export class AlertError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return ALERT_ERROR_BRAND.is(value);
  }
  readonly [ALERT_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429 | 503,
    readonly code: string,
    message: string,
    /** For a 429: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AlertError";
  }
}

import { crossBundleBrand } from "@/lib/errors/cross-bundle";
const REPORT_ERROR_BRAND = crossBundleBrand("ReportError");

/** Why a report request failed; lib/api turns it into a response with the same status and code. */
export class ReportError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return REPORT_ERROR_BRAND.is(value);
  }
  readonly [REPORT_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: 400 | 403 | 404 | 410 | 413 | 429,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ReportError";
  }
}

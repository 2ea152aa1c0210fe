/** Why a report request failed; lib/api turns it into a response with the same status and code. */
export class ReportError extends Error {
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

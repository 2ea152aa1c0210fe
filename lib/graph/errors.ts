/** What went wrong talking to Graph, in terms the API can map to an honest status. */
export type GraphFailureKind =
  | "bad-request"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "throttled"
  | "unavailable"
  | "timeout"
  | "malformed"
  | "refused-link"
  | "too-many-sessions"
  | "credentials";

export class GraphFailure extends Error {
  constructor(
    readonly kind: GraphFailureKind,
    message: string,
    readonly details: {
      status?: number;
      graphCode?: string;
      requestId?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = "GraphFailure";
  }
}

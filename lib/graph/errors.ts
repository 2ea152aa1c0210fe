import { crossBundleBrand } from "@/lib/errors/cross-bundle";
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

const GRAPH_FAILURE_BRAND = crossBundleBrand("GraphFailure");

export class GraphFailure extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return GRAPH_FAILURE_BRAND.is(value);
  }
  readonly [GRAPH_FAILURE_BRAND.brand] = true;
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

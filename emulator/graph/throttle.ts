// Graph's published limits: per call record 10 first-page requests / 20 s and 50 later-page requests / 5 min;
// the list of records 40 / 20 s; the PSTN and Direct Routing logs 200 / 60 s per app per tenant.
export interface ThrottleLimits {
  firstPage: { requests: number; windowMs: number };
  laterPage: { requests: number; windowMs: number };
  list: { requests: number; windowMs: number };
  phoneLog: { requests: number; windowMs: number };
}

export const GRAPH_LIMITS: ThrottleLimits = {
  firstPage: { requests: 10, windowMs: 20_000 },
  laterPage: { requests: 50, windowMs: 300_000 },
  list: { requests: 40, windowMs: 20_000 },
  phoneLog: { requests: 200, windowMs: 60_000 },
};

export class RecordThrottle {
  private readonly windows = new Map<string, number[]>();
  enabled: boolean;

  constructor(
    enabled: boolean,
    private readonly limits: ThrottleLimits = GRAPH_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = enabled;
  }

  /** Records the request and returns 0 when allowed, else the seconds to wait before retrying. */
  take(callId: string, kind: keyof ThrottleLimits): number {
    if (!this.enabled) return 0;
    const { requests, windowMs } = this.limits[kind];
    const key = `${callId}:${kind}`;
    const now = this.now();
    const recent = (this.windows.get(key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= requests) {
      this.windows.set(key, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    recent.push(now);
    this.windows.set(key, recent);
    return 0;
  }

  reset(): void {
    this.windows.clear();
  }
}

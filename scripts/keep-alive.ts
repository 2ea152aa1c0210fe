/**
 * `next start`'s keep-alive timeout. Node closes an idle connection after 5 s by default; a client (a proxy, a load
 * balancer, a test's pool of 50 viewers) that picks the same socket at that moment gets "socket hang up"
 * (ECONNRESET) for a request the server never saw — seen in the two-instance test on a busy machine. Kept longer than
 * the idle timeouts of common load balancers (60 s), as Node's own guidance for servers behind them has it.
 */
export const KEEP_ALIVE = ["--keepAliveTimeout", "65000"] as const;

export interface SecurityHeaderOptions {
  nonce: string;
  /** Origin of the Entra ID authority the browser signs in with (MSAL fetches from it and frames it). */
  authorityOrigin: string | null;
  https: boolean;
  development: boolean;
}

/** Headers for every response: a CSP allowing only what callscope needs, and the usual hardening. */
export function securityHeaders({
  nonce,
  authorityOrigin,
  https,
  development,
}: SecurityHeaderOptions): Record<string, string> {
  const authority = authorityOrigin ? ` ${authorityOrigin}` : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Charts and virtualised lists position elements with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${authority}`,
    // MSAL renews tokens silently in a hidden frame on the authority.
    `frame-src${authority || " 'none'"}`,
    "frame-ancestors 'none'",
    `form-action 'self'${authority}`,
    "base-uri 'self'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

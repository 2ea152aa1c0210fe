import { NextResponse, type NextRequest } from "next/server";
import { CLOUDS } from "./lib/config/clouds";
import { securityHeaders } from "./lib/security/headers";

function authorityOrigin(): string | null {
  const configured = process.env.AUTHORITY_HOST?.trim();
  const cloud = CLOUDS[(process.env.CALLSCOPE_CLOUD ?? "global") as keyof typeof CLOUDS];
  try {
    return new URL(configured || cloud?.authorityHost || "").origin;
  } catch {
    return null;
  }
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders({ nonce, authorityOrigin: authorityOrigin(), https, development: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // MSAL's redirect bridge must never be cached (it carries the auth response).
  if (request.nextUrl.pathname.startsWith("/auth/redirect")) response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};

import { NextResponse, type NextRequest } from "next/server";
import { CLOUDS } from "./lib/config/clouds";
import { MALFORMED_URL_MESSAGE, safeDecode } from "./lib/http/safe-decode";
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
  const headers = securityHeaders({
    nonce,
    authorityOrigin: authorityOrigin(),
    https,
    development: process.env.NODE_ENV === "development",
  });
  // Next cannot route a path it cannot decode and would answer a bare 500: say what is wrong instead.
  if (safeDecode(request.nextUrl.pathname) === null) return malformedUrl(request, headers);
  const forwarded = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // MSAL's redirect bridge must never be cached (it carries the auth response).
  if (request.nextUrl.pathname.startsWith("/auth/redirect"))
    response.headers.set("Cache-Control", "no-store");
  return response;
}

function malformedUrl(request: NextRequest, headers: Record<string, string>): NextResponse {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code: "malformed_url", message: MALFORMED_URL_MESSAGE } })
    : `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Malformed address · callscope</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>This address cannot be read</h1><p>${MALFORMED_URL_MESSAGE}</p><p><a href="/">Go to the home page</a></p></body></html>`;
  const response = new NextResponse(body, {
    status: 400,
    headers: {
      "Content-Type": api ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Graph's webhook is not behind sign-in and decides before it reads (lib/feed/webhook.ts): the proxy would
// buffer every body first, so it does not run there.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|api/notifications).*)" }],
};

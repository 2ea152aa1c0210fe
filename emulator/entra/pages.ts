import type { DemoUser } from "./registry";

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
a.user{display:block;border:1px solid #d1d5db;border-radius:.5rem;padding:.75rem 1rem;margin:.5rem 0;text-decoration:none;color:inherit}
a.user:hover,a.user:focus{border-color:#2563eb;outline:2px solid #2563eb}small{color:#6b7280}</style></head>
<body>${body}</body></html>`;

export function renderUserPicker(users: readonly DemoUser[], linkFor: (oid: string) => string): string {
  const items = users
    .map(
      (
        user,
      ) => `<a class="user" href="${escapeHtml(linkFor(user.oid))}"><strong>${escapeHtml(user.name)}</strong><br>
<small>${escapeHtml(user.username)} · roles: ${escapeHtml(user.roles.join(", ") || "none")}</small></a>`,
    )
    .join("\n");
  return page(
    "Sign in — Entra ID emulator",
    `<h1>Pick an account</h1>
<p>This is callscope's local Entra ID emulator. Choose a demo user to sign in as.</p>${items}`,
  );
}

export function renderSignedOut(): string {
  return page("Signed out — Entra ID emulator", "<h1>You signed out</h1><p>You can close this window.</p>");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

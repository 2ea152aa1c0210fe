import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>("GET /api/me", async ({ principal }) =>
  jsonResponse(
    JSON.stringify({
      kind: principal.kind,
      name: principal.name,
      username: principal.username,
      tenantId: principal.tenantId,
      roles: principal.roles,
      seesPersonalData: principal.seesPersonalData,
    }),
  ),
);

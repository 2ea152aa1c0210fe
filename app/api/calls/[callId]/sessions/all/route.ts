import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>("GET /api/calls/{callId}/sessions/all", async ({ params, runtime, view, trace, setCallId }) => {
  const callId = requireCallId(params.callId);
  setCallId(callId);
  const all = await runtime.service.allSessions(callId, view, trace);
  const sessions = all.sessionsJson.map((chunk) => chunk.slice(1, -1)).filter(Boolean).join(",");
  return jsonResponse(`{"call":${all.callJson},"sessions":[${sessions}],"loaded":${all.loaded}}`);
});

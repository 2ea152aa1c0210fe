import type { Context } from "hono";
import type { EmulatorEnv } from "../env";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Graph's error body: `{ error: { code, message, innerError: { request-id, date } } }`. */
export function graphError(
  c: Context<EmulatorEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const requestId = c.get("requestId");
  return c.json(
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString(),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
    status,
    headers,
  );
}

import "server-only";
import { ApiError } from "./errors";
import { formatCount } from "@/lib/format/numbers";

/** A report request is a call ID, a title and a note: 16 KB is generous and keeps a flood cheap. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;
/** A CQD building file: about 40,000 lines. The largest body any route takes (next.config.mjs is above it). */
export const MAX_BUILDING_FILE_BYTES = 4 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new ApiError(
    413,
    "body_too_large",
    `The request body is larger than ${formatCount(Math.round(limit / 1024))} KB, callscope's limit for this request. Send less (a shorter title or note, or fewer lines) and try again.`,
  );

/** The request's body as text, read no further than `limit` bytes (413 past it), in one of `types` (else 415). */
export async function readTextBody(
  request: Request,
  types: readonly string[],
  usage: string,
  limit: number,
): Promise<string> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (!type || !types.includes(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `Send the request with Content-Type: ${types.join(" or ")}: ${usage}.`,
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The request's JSON body, read no further than `limit` bytes: a declared or streamed excess answers 413
 * before the rest is read, and anything but `application/json` answers 415 instead of being guessed at.
 */
export async function readJsonBody(
  request: Request,
  usage: string,
  limit = MAX_JSON_BODY_BYTES,
): Promise<unknown> {
  const text = await readTextBody(request, ["application/json"], usage, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", `The request body is not valid JSON: ${usage}.`);
  }
}

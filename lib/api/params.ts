import { isCallId } from "@/lib/callrecords/call-id";
import { ApiError } from "./errors";

export function requireCallId(value: string): string {
  // Route params arrive decoded: decoding again would turn %252e%252e%252f into ../
  const decoded = value.trim();
  if (!isCallId(decoded)) {
    const shown = decoded.length > 60 ? `${decoded.slice(0, 60)}…` : decoded;
    throw new ApiError(
      400,
      "invalid_call_id",
      `"${shown}" is not a call ID. A call ID is a GUID such as 2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01: copy it from Teams admin center (Users → a user → Meetings & calls) or from a callRecords change notification.`,
    );
  }
  return decoded.toLowerCase();
}

/** A query parameter, trimmed, refused when longer than anything legitimate. */
export function queryParam(params: URLSearchParams, name: string, maxLength: number): string | null {
  const value = params.get(name);
  if (value === null || value.trim() === "") return null;
  if (value.length > maxLength)
    throw new ApiError(
      400,
      "invalid_parameter",
      `The ${name} parameter is longer than ${maxLength} characters.`,
    );
  return value.trim();
}

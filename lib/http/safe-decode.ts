/**
 * `decodeURIComponent` that answers null instead of throwing on malformed percent-encoding
 * (`%`, `%E0%A4%A`). Decode once, at the edge: route params arrive decoded, and decoding them again
 * turns `%252e%252e%252f` into `../`.
 */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** What a client is told when its URL cannot be decoded: said once, for the API and the pages. */
export const MALFORMED_URL_MESSAGE =
  "This address has a malformed percent-encoding (a % not followed by two hex digits, or bytes that are not UTF-8). Check the link, or paste the call ID on the home page.";

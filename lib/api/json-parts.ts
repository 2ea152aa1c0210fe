/**
 * JSON already serialised once, kept as text. Cached entries hold their parts serialised (a page's sessions as
 * bytes, below), so a cache hit costs no parse and no stringify (measured: the largest share of a warm page's time
 * before). A response is then written from those parts instead of parsing them back into one object.
 */
export type JsonText = string & { readonly __json: unique symbol };

/**
 * JSON already serialised and encoded as UTF-8, for a part written out on every request (a cached page's
 * sessions, ~460 KB): kept as text, each response joined it into one string, measured its UTF-8 length and
 * encoded it again, a third of the app's CPU when 50 clients read one cached page (docs/benchmarks.md).
 */
export type JsonBytes = Buffer<ArrayBuffer> & { readonly __jsonBytes: unique symbol };

/** Marks a string as JSON text: only for strings made by JSON.stringify. */
export const asJson = (text: string) => text as JsonText;

/** A JSON value serialised. */
export const json = (value: unknown) => JSON.stringify(value) as JsonText;

/**
 * A JSON value serialised as UTF-8 bytes of their own: kept in a cache, a small one must not be a slice of Node's
 * shared 8 KB pool, which it would keep alive whole.
 */
export function jsonBytes(value: unknown): JsonBytes {
  const text = JSON.stringify(value);
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, "utf8"));
  bytes.write(text, "utf8");
  return bytes as JsonBytes;
}

/** The value of JSON bytes. */
export const parseJsonBytes = (bytes: JsonBytes): unknown => JSON.parse(bytes.toString("utf8"));

/** `{"a":…,"b":…}` from parts already serialised, in order. */
export function jsonObject(parts: Record<string, JsonText>): JsonText {
  return `{${Object.entries(parts)
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(",")}}` as JsonText;
}

/**
 * `{"a":…,"b":…}` as UTF-8 bytes from parts already serialised, in order: the bytes given are copied as they
 * are, the text around them encoded.
 */
export function jsonObjectBytes(parts: Record<string, JsonText | JsonBytes>): JsonBytes {
  const chunks: Buffer[] = [];
  let text = "{";
  let first = true;
  for (const [key, value] of Object.entries(parts)) {
    text += `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (typeof value === "string") text += value;
    else {
      chunks.push(Buffer.from(text, "utf8"), value);
      text = "";
    }
  }
  chunks.push(Buffer.from(`${text}}`, "utf8"));
  return Buffer.concat(chunks) as JsonBytes;
}

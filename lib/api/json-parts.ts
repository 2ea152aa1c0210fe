/**
 * JSON already serialised once, kept as text. Cached pages hold their sessions as JSON strings, so a cache
 * hit costs no parse and no stringify (measured: the largest share of a warm page's time before). A
 * response is then written from those strings instead of parsing them back into one object.
 */
export type JsonText = string & { readonly __json: unique symbol };

/** Marks a string as JSON text: only for strings made by JSON.stringify. */
export const asJson = (text: string) => text as JsonText;

/** A JSON value serialised. */
export const json = (value: unknown) => JSON.stringify(value) as JsonText;

/** `{"a":…,"b":…}` from parts already serialised, in order. */
export function jsonObject(parts: Record<string, JsonText>): JsonText {
  return `{${Object.entries(parts)
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(",")}}` as JsonText;
}

import { describe, expect, it } from "vitest";
import { json, jsonBytes, jsonObject, jsonObjectBytes, parseJsonBytes } from "./json-parts";

describe("JSON parts", () => {
  // A display name beyond Latin-1 (and beyond the Basic Multilingual Plane): bytes and characters differ in count.
  const sessions = [
    { id: "e523d2ed-2966-4b6b-925b-754a88034cc5", caller: { displayName: "Łukasz 佐藤 🎧" } },
  ];

  it("writes an object from bytes and text as the same JSON as from text alone", () => {
    const parts = { sessions: jsonBytes(sessions), page: json(3), nextCursor: json(null) };
    const bytes = jsonObjectBytes(parts);
    const text = jsonObject({ sessions: json(sessions), page: json(3), nextCursor: json(null) });
    expect(bytes.toString("utf8")).toBe(text);
    expect(JSON.parse(bytes.toString("utf8"))).toEqual({ sessions, page: 3, nextCursor: null });
  });

  it("places bytes first, last, alone and between text", () => {
    const a = jsonBytes({ a: "ä" });
    expect(parseJsonBytes(jsonObjectBytes({ x: a }))).toEqual({ x: { a: "ä" } });
    expect(parseJsonBytes(jsonObjectBytes({ x: a, y: json(1) }))).toEqual({ x: { a: "ä" }, y: 1 });
    expect(parseJsonBytes(jsonObjectBytes({ y: json(1), x: a }))).toEqual({ y: 1, x: { a: "ä" } });
    expect(parseJsonBytes(jsonObjectBytes({ x: a, y: a }))).toEqual({ x: { a: "ä" }, y: { a: "ä" } });
    expect(parseJsonBytes(jsonObjectBytes({}))).toEqual({});
  });

  it("keeps a small value's bytes apart from Node's shared pool", () => {
    const small = jsonBytes({ id: "x" });
    expect(small.buffer.byteLength).toBe(small.byteLength);
    expect(parseJsonBytes(small)).toEqual({ id: "x" });
  });
});

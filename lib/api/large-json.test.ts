import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { largeJsonResponse, prefersGzip } from "./large-json";

const body = JSON.stringify({
  sessions: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, jitter: null })),
});
const asked = (accept?: string) =>
  new Request("http://callscope.test/api/calls/x", { headers: accept === undefined ? {} : { accept } });

describe("large JSON bodies", () => {
  it("go gzip-compressed only to a client that ranks application/gzip above JSON", () => {
    expect(prefersGzip("application/gzip, application/json;q=0.5")).toBe(true);
    expect(prefersGzip("application/gzip")).toBe(true);
    // curl, fetch's default, Playwright's request context, a browser's address bar.
    expect(prefersGzip(null)).toBe(false);
    expect(prefersGzip("*/*")).toBe(false);
    expect(prefersGzip("application/json")).toBe(false);
    expect(prefersGzip("text/html,application/xhtml+xml,*/*;q=0.8")).toBe(false);
    // A tie goes to JSON; a client that refuses gzip gets JSON.
    expect(prefersGzip("application/json, application/gzip")).toBe(false);
    expect(prefersGzip("application/gzip;q=0, */*")).toBe(false);
  });

  // A cached page of sessions is kept as UTF-8 bytes; the participants route's body is text.
  it.each([
    ["text", body],
    ["UTF-8 bytes", Buffer.from(body, "utf8")],
  ])(
    "inflate to the very bytes the JSON form sends, and say that the form depends on Accept (%s)",
    async (_, given) => {
      const gz = await largeJsonResponse(asked("application/gzip, application/json;q=0.5"), given);
      expect(gz.headers.get("content-type")).toBe("application/gzip");
      expect(gz.headers.get("vary")).toBe("Accept");
      expect(gz.headers.get("cache-control")).toBe("private, no-cache");
      const bytes = Buffer.from(await gz.arrayBuffer());
      expect(bytes.length).toBeLessThan(body.length / 4);
      expect(gunzipSync(bytes).toString("utf8")).toBe(body);

      const json = await largeJsonResponse(asked(), given);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(json.headers.get("vary")).toBe("Accept");
      expect(await json.text()).toBe(body);
    },
  );
});

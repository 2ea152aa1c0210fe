import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from "./view-state";

describe("view state in the URL", () => {
  it("round-trips every part of a view", () => {
    const view: ViewState = {
      session: "8b6d2e13-4a9f-4c3b-8e2d-5f7a9c1b3d02",
      segment: 1,
      filters: {
        poorOnly: true,
        feedbackOnly: true,
        text: "ada",
        modality: "video",
        quality: "poor",
        platform: "windows",
        connectionType: "wifi",
        failedOnly: true,
        cause: "factor:Wi-Fi band:frequency24GHz",
      },
      sort: { key: "quality", descending: true },
      zoom: 2,
      pan: 0.3125,
      compare: ["participant:ada-id", "participant:bo@contoso.com"],
    };
    const params = serializeViewState(view);
    expect(parseViewState(new URLSearchParams(params.toString()))).toEqual({ state: view, invalid: [] });
  });

  it("refuses a cause that is not a story line's ID", () => {
    const { state, invalid } = parseViewState(new URLSearchParams("cause=<script>&failed=2"));
    expect(state.filters.cause).toBeNull();
    expect(state.filters.failedOnly).toBe(false);
    expect(invalid).toEqual(["failed", "cause"]);
  });

  it("leaves defaults out of the URL", () => {
    expect(serializeViewState(DEFAULT_VIEW).toString()).toBe("");
  });

  it("names parameters no view reads instead of dropping them in silence", () => {
    const { invalid } = parseViewState(new URLSearchParams("sesion=s1&poor=1&utm_source=mail"));
    expect(invalid).toEqual(["sesion (not a callscope setting)", "utm_source (not a callscope setting)"]);
  });

  it("falls back to defaults for invalid parameters and names them", () => {
    const { state, invalid } = parseViewState(
      new URLSearchParams(
        "sort=sideways&zoom=99&poor=yes&quality=meh&session=<script>&pan=2&q=ok&cmp=only-one",
      ),
    );
    expect(invalid.sort()).toEqual(["cmp", "pan", "poor", "quality", "session", "sort", "zoom"]);
    expect(state).toEqual({ ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, text: "ok" } });
  });
});

// The stream charts' library is large: its chunk is fetched when someone shows intent to open a session (a
// pointer over or focus on a session's row or bar), so it is usually there by the click, and never on the first
// screen. One loader, so the preload and the panel share the same chunk.
export const loadMetricChart = () => import("./metric-chart").then((module) => module.MetricChart);

let started = false;

/** Starts fetching the chart chunk once; later calls do nothing. */
export function preloadMetricChart(): void {
  if (started) return;
  started = true;
  void loadMetricChart().catch(() => {
    // A failed preload is retried by the panel's own load, which shows its error.
    started = false;
  });
}

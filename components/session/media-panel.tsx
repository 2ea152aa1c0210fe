import type { Endpoint, Media } from "@/lib/callrecords/model";
import { DIRECTION_LABELS, directionWords } from "@/lib/callrecords/describe";
import { summarizeMedia } from "@/lib/callrecords/media-summary";
import { QualityBadge } from "@/components/ui/quality-badge";
import { ChartBoundary } from "@/components/ui/chart-boundary";
import dynamic from "next/dynamic";
import { loadMetricChart } from "@/components/charts/load-metric-chart";

// The chart library is large: loaded when a session is opened (or about to be), not with the page.
const MetricChart = dynamic(loadMetricChart, {
  ssr: false,
  loading: () => <p className="text-sm text-muted">Loading the chart…</p>,
});
import { CompareTable } from "./compare-table";
import { StreamTable } from "./stream-table";
import { TracerouteTable } from "./traceroute-table";
import type { SiteOf } from "@/lib/callrecords/compare";

/** One media of a segment; opens by itself when a stream is poor or a device crosses a limit, else stays folded. */
export function MediaPanel({
  media,
  title,
  siteOf,
  ends,
}: {
  media: Media;
  title: string;
  siteOf?: SiteOf;
  ends?: { caller: Endpoint | null; callee: Endpoint | null };
}) {
  const { verdicts, quality, breached, charts, comparison, details } = summarizeMedia(
    media,
    siteOf,
    undefined,
    ends,
  );
  return (
    <details open={breached} className="group rounded border border-line p-3" data-testid="media-panel">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 font-semibold">
        <span className="capitalize wrap-anywhere">{title}</span>
        <QualityBadge quality={quality} />
        {!breached && (
          <span className="text-xs font-normal text-muted">nothing over a threshold: folded</span>
        )}
      </summary>
      <div className="mt-3 space-y-3">
        <ul className="space-y-1 text-sm">
          {verdicts.map(({ stream, verdict }, index) => (
            <li key={stream.streamId ?? index} className="flex flex-wrap items-center gap-2">
              <span className="font-medium wrap-anywhere" data-testid="stream-direction">
                {ends ? directionWords(stream.direction, ends) : DIRECTION_LABELS[stream.direction]}
              </span>
              <QualityBadge quality={verdict.quality} />
              <span>
                {verdict.quality === "poor"
                  ? `poor due to ${verdict.causes.map((c) => c.text).join("; ")}`
                  : (verdict.reason ?? "")}
              </span>
              {verdict.secondary.length > 0 && (
                <span className="text-xs text-warn-text">
                  also: {verdict.secondary.map((c) => c.text).join("; ")}
                </span>
              )}
            </li>
          ))}
        </ul>
        <StreamTable columns={details.columns} rows={details.rows} />
        {charts.length > 0 && (
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {charts.map((chart) => (
              <ChartBoundary key={chart.key} name={chart.title.toLowerCase()}>
                <MetricChart chart={chart} />
              </ChartBoundary>
            ))}
          </div>
        )}
        <CompareTable title="Network" rows={comparison.network} />
        <div className="grid gap-3 md:grid-cols-2">
          <TracerouteTable side="Caller" network={media.callerNetwork} />
          <TracerouteTable side="Callee" network={media.calleeNetwork} />
        </div>
        <CompareTable title="Devices" rows={comparison.device} />
      </div>
    </details>
  );
}

import { mediaCharts } from "@/lib/callrecords/chart-data";
import { compareSides } from "@/lib/callrecords/compare";
import type { Media } from "@/lib/callrecords/model";
import { DIRECTION_LABELS } from "@/lib/callrecords/describe";
import { streamVerdict } from "@/lib/callrecords/verdict";
import { QualityBadge } from "@/components/ui/quality-badge";
import { MetricChart } from "@/components/charts/metric-chart";
import { CompareTable } from "./compare-table";

export function MediaPanel({ media, title }: { media: Media; title: string }) {
  const charts = mediaCharts(media);
  const comparison = compareSides(media);
  return (
    <div className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="media-panel">
      <h3 className="font-semibold capitalize">{title}</h3>
      <ul className="space-y-1 text-sm">
        {media.streams.map((stream, index) => {
          const verdict = streamVerdict(stream, media.kind);
          return (
            <li key={stream.streamId ?? index} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{DIRECTION_LABELS[stream.direction]}</span>
              <QualityBadge quality={verdict.quality} />
              <span>{verdict.quality === "poor" ? `poor due to ${verdict.causes.map((c) => c.text).join("; ")}` : verdict.reason ?? ""}</span>
              {verdict.secondary.length > 0 && <span className="text-xs text-amber-800 dark:text-amber-300">also: {verdict.secondary.map((c) => c.text).join("; ")}</span>}
            </li>
          );
        })}
      </ul>
      {charts.length > 0 && (
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {charts.map((chart) => <MetricChart key={chart.key} chart={chart} />)}
        </div>
      )}
      <CompareTable title="Network" rows={comparison.network} />
      <CompareTable title="Devices" rows={comparison.device} />
    </div>
  );
}

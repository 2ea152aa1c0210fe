import { mediaCharts, type MetricChart } from "./chart-data";
import { compareSides, type ComparisonRow, type SiteOf } from "./compare";
import type { Endpoint, Media, Stream } from "./model";
import { streamDetails } from "./stream-details";
import { DEFAULT_THRESHOLDS, type ThresholdTable } from "./thresholds";
import { streamVerdict, worstQuality, type Quality, type StreamVerdict } from "./verdict";

export interface MediaSummary {
  verdicts: { stream: Stream; verdict: StreamVerdict }[];
  /** The worst stream's quality, for the panel's badge. */
  quality: Quality;
  /** A stream is poor or a device crosses a limit: the panel opens by itself. */
  breached: boolean;
  charts: MetricChart[];
  comparison: { network: ComparisonRow[]; device: ComparisonRow[] };
  details: ReturnType<typeof streamDetails>;
}

/** Everything one media panel shows, derived once from the media. */
export function summarizeMedia(
  media: Media,
  siteOf?: SiteOf,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
  /** The segment's two ends: streams are then named by who sent them to whom. */
  ends?: { caller: Endpoint | null; callee: Endpoint | null },
): MediaSummary {
  const verdicts = media.streams.map((stream) => ({
    stream,
    verdict: streamVerdict(stream, media.kind, table),
  }));
  const comparison = compareSides(media, siteOf);
  const quality = worstQuality(verdicts.map(({ verdict }) => verdict.quality));
  return {
    verdicts,
    quality,
    breached: quality === "poor" || comparison.device.some((row) => row.breach.length > 0),
    charts: mediaCharts(media, table, ends),
    comparison,
    details: streamDetails(media, ends),
  };
}

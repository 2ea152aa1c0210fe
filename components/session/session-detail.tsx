"use client";
import { useEffect, useRef } from "react";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { endpointLabel, formatDuration, MEDIA_LABELS } from "@/lib/callrecords/describe";
import { adviceFor, failureOf, failureWords } from "@/lib/callrecords/failures";
import { IsolatedText } from "@/components/ui/isolated-text";
import { formatClock as clock } from "@/lib/format/dates";
import { QualityBadge } from "@/components/ui/quality-badge";
import { compareEndpoints } from "@/lib/callrecords/compare";
import { CompareTable } from "./compare-table";
import { FeedbackCard } from "./feedback-card";
import { MediaPanel } from "./media-panel";
import type { SiteOf } from "@/lib/callrecords/compare";

export function SessionDetail({
  summary,
  segmentIndex,
  onSegment,
  onClose,
  siteOf,
  cause,
}: {
  summary: SessionSummary;
  /** The call's one attribution in a sentence (story.ts), so the session says what the page says. */
  cause: string | null;
  segmentIndex: number;
  onSegment: (index: number) => void;
  onClose: () => void;
  /** Names each network's site, once building data is uploaded. */
  siteOf?: SiteOf;
}) {
  const { session } = summary;
  const segment = session.segments[Math.min(segmentIndex, session.segments.length - 1)];
  const feedback = [session.caller, session.callee].filter((e) => e?.feedback);
  const failure = failureOf(session);
  // The detail opens where the person is looking: brought into view and its heading focused, whether it was
  // opened from a row, a finding, the timeline or a link carrying ?session=.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const element = heading.current;
    if (!element) return;
    element.closest("section")?.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  }, [session.id]);
  return (
    <section
      aria-labelledby="session-heading"
      className="space-y-4 rounded-lg border-2 border-accent bg-surface p-4"
      data-testid="session-detail"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2
            id="session-heading"
            ref={heading}
            tabIndex={-1}
            className="text-lg font-semibold wrap-anywhere outline-none"
          >
            <bdi>{endpointLabel(session.caller)}</bdi> → <bdi>{endpointLabel(session.callee)}</bdi>
            {session.isTest && (
              <span
                className="ml-2 rounded bg-subtle px-2 py-0.5 align-middle text-xs font-medium text-fg"
                data-testid="test-session"
              >
                test call
              </span>
            )}
          </h2>
          <p className="text-sm text-muted">
            Session <span className="font-mono">{session.id}</span> · {clock(session.startDateTime)}–
            {clock(session.endDateTime)} UTC ({formatDuration(summary.endMs - summary.startMs)}) ·{" "}
            {session.modalities.join(", ")}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <QualityBadge quality={summary.quality} />
          <button type="button" onClick={onClose} className="rounded border px-2 py-1 text-sm">
            Close
          </button>
        </div>
      </div>
      {summary.poorBecause && summary.quality === "poor" && (
        <p className="text-sm">
          Poor due to <strong>{summary.poorBecause}</strong>.
        </p>
      )}
      {cause && summary.quality === "poor" && (
        <p className="text-sm text-muted" data-testid="session-cause">
          For the call as a whole: <IsolatedText text={cause} />
        </p>
      )}
      {failure && (
        <p role="alert" className="rounded bg-danger-soft p-2 text-sm text-danger-fg">
          <IsolatedText text={`Session ${failureWords(failure)}. Next: ${adviceFor(failure)}.`} />
        </p>
      )}
      <CompareTable
        title="Participants and clients"
        testId="compare-clients"
        rows={compareEndpoints(session.caller, session.callee)}
      />
      {feedback.map((endpoint, index) => endpoint && <FeedbackCard key={index} endpoint={endpoint} />)}
      {session.segments.length > 1 && (
        <div role="tablist" aria-label="Segments" className="flex flex-wrap gap-2">
          {session.segments.map((s, index) => (
            <button
              key={s.id}
              role="tab"
              type="button"
              aria-selected={index === segmentIndex}
              onClick={() => onSegment(index)}
              className={`rounded border px-2 py-1 text-sm ${index === segmentIndex ? "border-accent bg-selected" : ""}`}
            >
              Segment {index + 1} · {clock(s.startDateTime)}–{clock(s.endDateTime)}
              {s.failureInfo ? " · failed" : ""}
            </button>
          ))}
        </div>
      )}
      {segment && (
        <div className="space-y-4">
          {segment.failureInfo && (
            <p className="text-sm text-poor-text">
              <IsolatedText text={`Segment ${failureWords(segment.failureInfo)}.`} />
            </p>
          )}
          {segment.media.length === 0 && (
            <p className="text-sm text-muted">No media was reported for this segment.</p>
          )}
          {segment.media.map((media, index) => (
            <MediaPanel
              key={`${segment.id}-${index}`}
              media={media}
              siteOf={siteOf}
              ends={segment}
              title={`${MEDIA_LABELS[media.kind]}${media.label ? ` (${media.label})` : ""}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}

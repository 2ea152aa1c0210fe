"use client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describeCause, MIN_STREAMS, type Cause } from "@/lib/callrecords/causes";
import type { SessionFilters } from "@/lib/callrecords/session-filter";

/** The shared factors behind a meeting's poor minority, strongest first; each can filter the sessions table. */
export function MeetingCauses({
  causes,
  anyPoor,
  onShow,
}: {
  causes: Cause[];
  anyPoor: boolean;
  onShow: (filters: Partial<SessionFilters>) => void;
}) {
  if (!anyPoor) return null;
  return (
    <Card as="section" aria-labelledby="causes-heading" className="space-y-2" data-testid="meeting-causes">
      <h2 id="causes-heading" className="font-semibold">
        What the poor streams have in common
      </h2>
      {causes.length === 0 ? (
        <p className="text-sm">
          No shared factor explains the poor streams: they are spread across connections, subnets and clients,
          so look at each person&apos;s findings below.
        </p>
      ) : (
        <ol className="space-y-2 text-sm">
          {causes.map((cause) => (
            <li
              key={`${cause.factor}:${cause.value}`}
              className="flex flex-wrap items-baseline gap-2"
              data-testid="cause"
            >
              <span className="font-medium">{cause.factor}</span>
              <span className="flex-1">
                <bdi>{describeCause(cause)}</bdi>
              </span>
              {cause.filters && (
                <Button variant="link" className="text-sm" onClick={() => onShow(cause.filters ?? {})}>
                  Show these sessions
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className="text-xs text-muted">
        Each stream counts for the person at its non-service end. A factor is listed when its poor share beats
        the rest&apos;s in a two-proportion z-test with z ≥ 3.1 (one-sided p ≈ 0.001) and it covers at least{" "}
        {MIN_STREAMS} streams, so a few unlucky people do not rank above a real pattern.
      </p>
    </Card>
  );
}

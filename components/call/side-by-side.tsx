"use client";
import { useState } from "react";
import { CompareTable } from "@/components/session/compare-table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { IsolatedText } from "@/components/ui/isolated-text";
import { QualityBadge } from "@/components/ui/quality-badge";
import { MEDIA_LABELS } from "@/lib/callrecords/describe";
import type { Side, SideBySide as SideBySideData, SideQuality } from "@/lib/callrecords/two-sides";

function Qualities({ title, list }: { title: string; list: SideQuality[] }) {
  if (list.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-medium text-muted">{title}</h4>
      <ul className="space-y-1 text-sm">
        {list.map((q) => (
          <li key={q.kind} className="flex flex-wrap items-center gap-2">
            <span className="capitalize">{MEDIA_LABELS[q.kind]}</span>
            <QualityBadge quality={q.quality} />
            {q.detail && <span className="text-xs">{q.detail}</span>}
            <span className="text-xs text-muted">
              (measured by <bdi>{q.measuredBy}</bdi>)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Person({ side, role, showRole }: { side: Side; role: string; showRole: boolean }) {
  return (
    <div className="space-y-2" data-testid={`side-${role}`}>
      <h3 className="font-semibold">
        <bdi>{side.label}</bdi> {showRole && <span className="text-sm font-normal text-muted">({role})</span>}
      </h3>
      <Qualities title="What they sent" list={side.sent} />
      <Qualities title="What they received" list={side.received} />
    </div>
  );
}

/** A call between two people: both sides next to each other, the differences marked, the likely side named. */
export function SideBySide({
  sides,
  heading,
  onClose,
}: {
  sides: SideBySideData;
  /** For a pair picked from a meeting; a two-person call says "Caller vs callee". */
  heading?: string;
  onClose?: () => void;
}) {
  const [all, setAll] = useState(false);
  const names = { caller: sides.caller.label, callee: sides.callee.label };
  const shown = (rows: SideBySideData["network"]) => (all ? rows : rows.filter((row) => row.differs));
  return (
    <Card as="section" aria-labelledby="sides-heading" className="space-y-3" data-testid="side-by-side">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sides-heading" className="font-semibold">
          {heading ?? "Caller vs callee"}
          {sides.through ? `, through the ${sides.through}` : ""}
        </h2>
        {onClose && (
          <Button variant="link" className="text-sm" onClick={onClose}>
            Close the comparison
          </Button>
        )}
      </div>
      <p className="text-sm" data-testid="likely-side" role="status" data-status={sides.responsible.status}>
        <IsolatedText text={sides.responsible.text} />
      </p>
      {(sides.responsible.points.caller.length > 0 || sides.responsible.points.callee.length > 0) && (
        <div className="grid gap-2 text-xs md:grid-cols-2" data-testid="side-points">
          {(["caller", "callee"] as const).map((name) => (
            <div key={name}>
              <h3 className="font-medium">
                What points at <bdi>{sides[name].label}</bdi>&apos;s side
              </h3>
              {sides.responsible.points[name].length === 0 ? (
                <p className="text-muted">Nothing in their network or devices.</p>
              ) : (
                <ul className="list-disc pl-4">
                  {sides.responsible.points[name].map((point) => (
                    <li key={point}>
                      <IsolatedText text={point} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Person side={sides.caller} role="caller" showRole={!heading} />
        <Person side={sides.callee} role="callee" showRole={!heading} />
      </div>
      <p className="text-xs text-muted">
        A stream is named by its sender; its jitter, loss and degradation are what the receiver&apos;s client
        measured, so a poor stream means the path from one to the other, and the networks below say which end
        it was.
      </p>
      <CompareTable title="Network" rows={shown(sides.network)} names={names} testId="sides-network" />
      <CompareTable title="Devices" rows={shown(sides.device)} names={names} testId="sides-device" />
      <CompareTable title="Clients" rows={shown(sides.client)} names={names} testId="sides-client" />
      <button type="button" className="text-sm underline" onClick={() => setAll((value) => !value)}>
        {all ? "Show only what differs" : "Show every line, not only what differs"}
      </button>
    </Card>
  );
}

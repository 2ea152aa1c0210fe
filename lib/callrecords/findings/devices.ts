import { endpointLabel, isolate } from "../describe";
import type { Device } from "../model";
import { formatMetric, type ThresholdTable } from "../thresholds";
import type { FindingRule } from "./types";

/** A device's failures past the poor-call thresholds (a microphone or speaker not working). */
export function deviceFailures(device: Device | null, table: ThresholdTable): string[] {
  if (!device) return [];
  const out: string[] = [];
  if ((device.captureNotFunctioningEventRatio ?? 0) >= table.deviceNotFunctioningRatio)
    out.push(
      `microphone not working ${formatMetric(device.captureNotFunctioningEventRatio ?? 0, "ratio")} of the time`,
    );
  if ((device.renderNotFunctioningEventRatio ?? 0) >= table.deviceNotFunctioningRatio)
    out.push(
      `speaker not working ${formatMetric(device.renderNotFunctioningEventRatio ?? 0, "ratio")} of the time`,
    );
  return out;
}

/** One finding per device failure, per side of each media line. */
export const devicesRule: FindingRule = {
  labels: { device: "Device" },
  find({ sessions, table }) {
    return sessions.flatMap((session) =>
      session.segments.flatMap((segment) =>
        segment.media.flatMap((media) =>
          (
            [
              ["caller", media.callerDevice, segment.caller],
              ["callee", media.calleeDevice, segment.callee],
            ] as const
          ).flatMap(([side, device, endpoint]) =>
            deviceFailures(device, table).map((problem) => ({
              id: `device:${session.id}:${segment.id}:${side}:${problem}`,
              kind: "device",
              severity: 2.5,
              text: `${isolate(endpointLabel(endpoint))}: ${problem} (${side} side).`,
              evidence: [{ sessionId: session.id, segmentId: segment.id, detail: problem }],
            })),
          ),
        ),
      ),
    );
  },
};

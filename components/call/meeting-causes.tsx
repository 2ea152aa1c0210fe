"use client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { IsolatedText } from "@/components/ui/isolated-text";
import { MIN_STREAMS } from "@/lib/callrecords/causes";
import type { MeetingStory, StoryLine } from "@/lib/callrecords/meeting-story";

const KIND_LABELS: Record<StoryLine["kind"], string> = {
  sender: "One sender",
  person: "One person",
  factor: "Shared factor",
};

/**
 * The one cause panel of a meeting: senders who hurt many receivers, one person's own connection, shared
 * factors — one ranked list, each with the sessions it is about. "No shared factor" only when nothing is listed.
 */
export function MeetingCauses({ story, onShow }: { story: MeetingStory; onShow: (line: StoryLine) => void }) {
  if (!story.anyPoor) return null;
  return (
    <Card as="section" aria-labelledby="causes-heading" className="space-y-2" data-testid="meeting-causes">
      <h2 id="causes-heading" className="font-semibold">
        What explains the poor streams
      </h2>
      {story.lines.length === 0 ? (
        <p className="text-sm" data-testid="no-cause">
          <IsolatedText text={story.headline} />
        </p>
      ) : (
        <ol className="space-y-2 text-sm">
          {story.lines.map((line) => (
            <li
              key={line.id}
              className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:items-baseline sm:gap-2"
              data-testid="cause"
            >
              <span className="font-medium" data-testid="cause-kind">
                {KIND_LABELS[line.kind]}
                {line.kind === "factor" ? `: ${line.title}` : ""}
              </span>
              <span className="min-w-0 flex-1">
                <IsolatedText text={line.text} />
              </span>
              <Button variant="link" className="self-start text-sm" onClick={() => onShow(line)}>
                Show these sessions
              </Button>
            </li>
          ))}
        </ol>
      )}
      <p className="text-xs text-muted">
        A sender is listed when most of the audience received their forwarded video or screen share poor at
        the same time. A shared factor is listed when its poor share beats the rest&apos;s in a two-proportion
        z-test with z ≥ 3.1 (one-sided p ≈ 0.001) over at least {MIN_STREAMS} streams, each stream counting
        for the person at its non-service end; factors that pick out the same streams are one line.
      </p>
    </Card>
  );
}

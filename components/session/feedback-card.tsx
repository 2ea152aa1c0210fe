import { endpointLabel, lookup } from "@/lib/callrecords/describe";
import { feedbackTokens, RATING_LABELS } from "@/lib/callrecords/feedback";
import type { Endpoint } from "@/lib/callrecords/model";

const RATING_STYLES: Record<string, string> = {
  bad: "bg-poor text-white",
  poor: "bg-poor-soft text-poor-fg",
  fair: "bg-warn-soft text-warn-fg",
  good: "bg-good-soft text-good-fg",
  excellent: "bg-good text-white",
};

export function FeedbackCard({ endpoint }: { endpoint: Endpoint }) {
  const feedback = endpoint.feedback;
  if (!feedback) return null;
  const tokens = feedbackTokens(feedback);
  return (
    <div className="rounded border border-line p-3" data-testid="feedback">
      <h3 className="font-medium">
        Feedback from {endpointLabel(endpoint)}{" "}
        <span
          className={`ml-1 rounded px-2 py-0.5 text-xs font-semibold ${lookup(RATING_STYLES, feedback.rating) ?? "bg-subtle text-fg"}`}
        >
          {lookup(RATING_LABELS, feedback.rating) ?? feedback.rating}
        </span>
      </h3>
      {feedback.text && (
        <blockquote className="mt-2 border-l-4 border-line-strong pl-3 text-sm italic">
          {feedback.text}
        </blockquote>
      )}
      {tokens.length > 0 && <TokenLines tokens={tokens} />}
    </div>
  );
}

/** What the person ticked, then what they did not, in words: "Reported: …; not reported: …". */
function TokenLines({ tokens }: { tokens: ReturnType<typeof feedbackTokens> }) {
  const reported = tokens.filter((token) => token.flagged).map((token) => token.label);
  const not = tokens.filter((token) => !token.flagged).map((token) => token.label);
  return (
    <dl className="mt-2 space-y-1 text-sm" data-testid="feedback-tokens">
      <div>
        <dt className="inline font-medium">Reported: </dt>
        <dd className="inline">{reported.length > 0 ? reported.join("; ") : "no problem ticked"}</dd>
      </div>
      {not.length > 0 && (
        <div className="text-muted">
          <dt className="inline">Not reported: </dt>
          <dd className="inline">{not.join("; ")}</dd>
        </div>
      )}
    </dl>
  );
}

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
      {tokens.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Feedback tokens">
          {tokens.map((token) => (
            <li
              key={token.name}
              className={`rounded-full px-2 py-0.5 text-xs ${token.flagged ? "bg-poor font-semibold text-white" : "bg-subtle text-muted line-through"}`}
            >
              {token.flagged ? "⚑ " : ""}
              {token.label}
              <span className="sr-only">{token.flagged ? " (reported)" : " (not reported)"}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

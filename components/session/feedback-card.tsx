import { endpointLabel, lookup } from "@/lib/callrecords/describe";
import { feedbackTokens, RATING_LABELS } from "@/lib/callrecords/feedback";
import type { Endpoint } from "@/lib/callrecords/model";

const RATING_STYLES: Record<string, string> = {
  bad: "bg-red-700 text-white",
  poor: "bg-red-100 text-red-900",
  fair: "bg-amber-100 text-amber-900",
  good: "bg-green-100 text-green-900",
  excellent: "bg-green-700 text-white",
};

export function FeedbackCard({ endpoint }: { endpoint: Endpoint }) {
  const feedback = endpoint.feedback;
  if (!feedback) return null;
  const tokens = feedbackTokens(feedback);
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="feedback">
      <h3 className="font-medium">
        Feedback from {endpointLabel(endpoint)}{" "}
        <span
          className={`ml-1 rounded px-2 py-0.5 text-xs font-semibold ${lookup(RATING_STYLES, feedback.rating) ?? "bg-slate-100 text-slate-900"}`}
        >
          {lookup(RATING_LABELS, feedback.rating) ?? feedback.rating}
        </span>
      </h3>
      {feedback.text && (
        <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 text-sm italic">
          {feedback.text}
        </blockquote>
      )}
      {tokens.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Feedback tokens">
          {tokens.map((token) => (
            <li
              key={token.name}
              className={`rounded-full px-2 py-0.5 text-xs ${token.flagged ? "bg-red-700 font-semibold text-white" : "bg-slate-100 text-slate-600 line-through dark:bg-slate-800 dark:text-slate-400"}`}
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

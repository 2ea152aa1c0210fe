import { ApiProblem } from "./api";

/** A heading for an API problem; the server's message says what happened and what to do next. */
export function problemTitle(error: unknown): string {
  if (!(error instanceof ApiProblem)) return "Something went wrong";
  if (error.code === "report_not_found") return "Report not found";
  if (error.code === "report_expired") return "This report has expired";
  const byCode: Record<string, string> = {
    invalid_window: "That time window does not work",
    invalid_participant: "Who should callscope look for?",
    participant_required: "Who should callscope look for?",
    participant_not_found: "No such person",
    directory_forbidden: "Sign-in names cannot be looked up",
    graph_forbidden: "A permission is missing",
    too_many_results: "Too many results",
  };
  if (Object.hasOwn(byCode, error.code)) return byCode[error.code] ?? "The request failed";
  switch (error.status) {
    case 400:
      return "That is not a call ID";
    case 401:
      return "Please sign in again";
    case 403:
      return "Access denied";
    case 404:
      return "Call record not found";
    case 429:
      return "Graph is busy with this call";
    case 504:
      return "Graph took too long";
    default:
      return error.status >= 500 ? "Graph could not be read" : "The request failed";
  }
}

export function problemMessage(error: unknown): string {
  return error instanceof Error
    ? error.message
    : "An unexpected error occurred. Reload the page to try again.";
}

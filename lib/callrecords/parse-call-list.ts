import { GraphFailure } from "@/lib/graph/errors";
import { callListPageSchema } from "@/lib/graph/schema";
import type { CallSummary } from "./model";
import { parseCallRecordBody } from "./parse";

export interface CallListPage {
  calls: CallSummary[];
  /** Items Graph sent that callscope could not read: counted, so the page can say so, not dropped silently. */
  unreadable: number;
}

/** A page of `GET /communications/callRecords`. One bad item does not cost the rest of the page. */
export function parseCallListPage(body: unknown): CallListPage {
  const page = callListPageSchema.safeParse(body);
  if (!page.success)
    throw new GraphFailure("malformed", "Graph sent a page of call records that callscope cannot read.");
  const calls: CallSummary[] = [];
  let unreadable = 0;
  for (const item of page.data.value) {
    try {
      calls.push(parseCallRecordBody(item).call);
    } catch {
      unreadable += 1;
    }
  }
  return { calls, unreadable };
}

// The $filter Graph's list of call records understands, and nothing more: startDateTime with
// ge/gt/le/lt, and participants_v2/any(p:p/id eq '…'), joined with "and".

export interface ListFilter {
  start: { op: "ge" | "gt" | "le" | "lt"; ms: number }[];
  participantId: string | null;
}

const UNSUPPORTED =
  "Only startDateTime (lt, le, gt, ge) and participants_v2/any(p:p/id eq '{id}') are supported in $filter on callRecords.";

export function parseListFilter(value: string | undefined): ListFilter | { error: string } {
  const filter: ListFilter = { start: [], participantId: null };
  if (value === undefined || value.trim() === "") return filter;
  if (/\s(or|not)\s/i.test(` ${value} `)) return { error: `Invalid filter clause: ${UNSUPPORTED}` };
  for (const clause of value.trim().split(/\s+and\s+/i)) {
    const time = /^startDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i.exec(clause.trim());
    if (time) {
      const ms = Date.parse(time[2] ?? "");
      if (!/^\d{4}-\d{2}-\d{2}T/.test(time[2] ?? "") || Number.isNaN(ms))
        return { error: `The DateTimeOffset text '${time[2]}' in $filter is not valid.` };
      filter.start.push({ op: (time[1] ?? "ge").toLowerCase() as ListFilter["start"][number]["op"], ms });
      continue;
    }
    const person = /^participants_v2\/any\((\w+):\s*(\w+)\/id\s+eq\s+'([^']*)'\)$/i.exec(clause.trim());
    if (person && person[1] === person[2]) {
      if (filter.participantId !== null)
        return { error: `Only one participant can be filtered on. ${UNSUPPORTED}` };
      filter.participantId = (person[3] ?? "").toLowerCase();
      continue;
    }
    return { error: `Invalid filter clause '${clause.slice(0, 80)}'. ${UNSUPPORTED}` };
  }
  return filter;
}

export function matchesStart(filter: ListFilter, startMs: number): boolean {
  return filter.start.every(({ op, ms }) =>
    op === "ge" ? startMs >= ms : op === "gt" ? startMs > ms : op === "le" ? startMs <= ms : startMs < ms,
  );
}

/** `fromDateTime=…,toDateTime=…` inside getPstnCalls(…) / getDirectRoutingCalls(…). */
export function parseFunctionWindow(args: string): { from: number; to: number } | { error: string } {
  const values = new Map<string, string>();
  for (const part of args.split(",")) {
    const [key, ...rest] = part.split("=");
    if (key) values.set(key.trim(), rest.join("=").trim());
  }
  const fromText = values.get("fromDateTime");
  const toText = values.get("toDateTime");
  if (!fromText || !toText)
    return { error: "The function requires the parameters fromDateTime and toDateTime." };
  const parse = (text: string) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  const [from, to] = [parse(fromText), parse(toText)];
  if (Number.isNaN(from) || Number.isNaN(to))
    return {
      error: "fromDateTime and toDateTime must be DateTimeOffset values such as 2026-11-01T00:00:00Z.",
    };
  if (from > to) return { error: "fromDateTime must be before toDateTime." };
  if (to - from > 90 * 86_400_000)
    return { error: "The fromDateTime and toDateTime values cannot be more than a date range of 90 days." };
  return { from, to };
}

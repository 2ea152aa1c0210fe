// Evolvable enums: members added after `unknownFutureValue` reach only clients that send
// `Prefer: include-unknown-enum-members`; everyone else sees `unknownFutureValue`.
const LATE_MEMBERS: Record<string, ReadonlySet<string>> = {
  productFamily: new Set(["azureCommunicationServices"]),
};

export function serialize(body: unknown, includeUnknownEnumMembers: boolean): string {
  if (includeUnknownEnumMembers) return JSON.stringify(body);
  return JSON.stringify(body, (key, value: unknown) =>
    typeof value === "string" && LATE_MEMBERS[key]?.has(value) ? "unknownFutureValue" : value,
  );
}
